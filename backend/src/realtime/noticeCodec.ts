// What crosses between service nodes on the fan-out channel: the live notices every node turns into frames for its
// own sockets. JSON text, with amounts as decimal strings (a JSON number loses nanotons past 2^53). The channel is
// shared by every node and anyone with access to Redis can write to it, so each field is checked on the way in, and
// on the way out too: a notice no node would accept never leaves.
import { TObject, TProperties, Type } from '@sinclair/typebox';
import { TypeCheck, TypeCompiler } from '@sinclair/typebox/compiler';
import { DeviceId, TaskId } from '../../../protocol';
import { TrustVector } from '../domain';
import { FanoutCodec } from './fanout';

/** The Redis pub/sub channel the nodes share. */
export const CLUSTER_NOTICE_CHANNEL = 'service:notices';

export type ClusterNotice =
    /** A task opening was dispatched (recorded in the offer log as `seq`): every node offers it to its own devices. */
    | { kind: 'offer'; taskId: string; seq: number }
    /** A device's trust changed: every node refilters that device's (and its wallet's) offers and tells it. */
    | { kind: 'trust'; deviceId: string; trust: TrustVector }
    | { kind: 'payoutReady'; taskId: string; deviceId: string; amount: bigint }
    /** `wallet` is a raw address (workchain:hex). */
    | { kind: 'paid'; taskId: string; wallet: string; amount: bigint; txHash: string };

/** Nanotons, decimal without sign or leading zeros; 78 digits hold any 256-bit amount. */
const DecimalNanotons = Type.String({ pattern: '^(0|[1-9][0-9]{0,77})$' });
const RawAddress = Type.String({ pattern: '^-?[0-9]{1,3}:[0-9a-f]{64}$' });
const TransactionHash = Type.String({ pattern: '^[0-9a-f]{64}$' });
const Count = Type.Number({ minimum: 0 });
const TrustOnWire = Type.Object(
    {
        accuracyAlpha: Count,
        accuracyBeta: Count,
        latencyEwmaMs: Type.Union([Count, Type.Null()]),
        stability: Type.Number({ minimum: 0, maximum: 1 }),
    },
    { additionalProperties: false },
);

function notice(kind: ClusterNotice['kind'], properties: TProperties): TObject {
    return Type.Object({ kind: Type.Literal(kind), ...properties }, { additionalProperties: false });
}

const checks: Record<ClusterNotice['kind'], TypeCheck<TObject>> = {
    offer: TypeCompiler.Compile(notice('offer', { taskId: TaskId, seq: Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER }) })),
    trust: TypeCompiler.Compile(notice('trust', { deviceId: DeviceId, trust: TrustOnWire })),
    payoutReady: TypeCompiler.Compile(notice('payoutReady', { taskId: TaskId, deviceId: DeviceId, amount: DecimalNanotons })),
    paid: TypeCompiler.Compile(notice('paid', { taskId: TaskId, wallet: RawAddress, amount: DecimalNanotons, txHash: TransactionHash })),
};

/** The notice as JSON text. Throws for one that decodeNotice would refuse (a negative amount, say): a bug in the sender. */
export function encodeNotice(notice: ClusterNotice): string {
    const wire = toWire(notice);
    const check = checks[notice.kind];
    if (!check.Check(wire)) throw new Error(`cannot encode this '${notice.kind}' cluster notice ${firstError(check, wire)}`);
    return JSON.stringify(wire);
}

/** The notice `text` carries; throws an Error saying what is wrong for anything else. */
export function decodeNotice(text: string): ClusterNotice {
    let value: unknown;
    try {
        value = JSON.parse(text);
    } catch {
        throw new Error('a cluster notice must be JSON');
    }
    const kind = typeof value === 'object' && value !== null && 'kind' in value ? value.kind : undefined;
    if (kind === undefined) throw new Error('a cluster notice is a JSON object with a kind');
    const check = typeof kind === 'string' && Object.hasOwn(checks, kind) ? checks[kind as ClusterNotice['kind']] : undefined;
    if (!check) throw new Error(`not a cluster notice kind: ${describe(kind)}`);
    if (!check.Check(value)) throw new Error(`malformed '${kind as string}' cluster notice ${firstError(check, value)}`);
    return fromWire(value as Record<string, unknown>);
}

export const noticeCodec: FanoutCodec<ClusterNotice> = { encode: encodeNotice, decode: decodeNotice };

// Field by field, not by spreading: a caller's object with a property more would otherwise be refused by every node.
function toWire(n: ClusterNotice): object {
    switch (n.kind) {
        case 'offer':
            return { kind: n.kind, taskId: n.taskId, seq: n.seq };
        case 'trust': {
            const { accuracyAlpha, accuracyBeta, latencyEwmaMs, stability } = n.trust;
            return { kind: n.kind, deviceId: n.deviceId, trust: { accuracyAlpha, accuracyBeta, latencyEwmaMs, stability } };
        }
        case 'payoutReady':
            return { kind: n.kind, taskId: n.taskId, deviceId: n.deviceId, amount: n.amount.toString() };
        case 'paid':
            return { kind: n.kind, taskId: n.taskId, wallet: n.wallet, amount: n.amount.toString(), txHash: n.txHash };
    }
}

/** `w` passed its kind's schema, so only the amounts need turning back into bigints. */
function fromWire(w: Record<string, unknown>): ClusterNotice {
    return (typeof w.amount === 'string' ? { ...w, amount: BigInt(w.amount) } : w) as ClusterNotice;
}

function firstError(check: TypeCheck<TObject>, value: unknown): string {
    const first = check.Errors(value).First();
    return first ? `at ${first.path}: ${first.message}` : '';
}

/** A short rendering of an untrusted value for an error message. */
function describe(value: unknown): string {
    const text = JSON.stringify(value) ?? String(value);
    return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}
