// The service the fuzzer aims at, with real tasks, devices, a module and sessions, so that malformed requests get
// past authentication into the handlers; and, per route, a body shaped like a real one that can never change the
// store, whoever sends it and however it is mutated, so a fuzzed handler may explore but never write.
import { randomBytes } from 'crypto';
import { Address } from '@ton/core';
import { SignJWT } from 'jose';
import { SessionTokens } from '../../../backend/src/auth/sessions';
import { MAX_DEVICES_PER_WALLET } from '../../../backend/src/devices/devices';
import { newWallet, signProof } from '../auth/proofFixture';
import { ApiResponse, serviceFixture, ServiceFixture } from '../service/serviceFixture';
import { Json, Path } from './bodyMutations';
import { routeKey, ServedRoute, servedRoutes } from './servedRoutes';

export interface BodyTemplate {
    /**
     * Passes the route's schema, yet is refused for every session (the login alone is accepted: logins write
     * nothing to the store), and no single mutation makes it acceptable.
     */
    body: Json;
    /** String fields where any text at all is still refused (every string field when absent). */
    spliceable?: Path[];
    /** The session that takes the template deepest into the handler (past "not your device"), if one does. */
    owner?: string;
}

export interface FuzzTarget {
    fixture: ServiceFixture;
    routes: ServedRoute[];
    /** Valid bearer tokens: the requester, a slot holder, an idle worker, a stranger, wallets in odd workchains. */
    sessions: string[];
    /** Authorization values that must never pass; undefined sends no header at all. */
    badAuthorizations: Array<string | undefined>;
    /** Values the store knows, for a path parameter of `path`. */
    realParams(path: string): string[];
    /** Every id and address the store knows, for queries and bodies. */
    knownValues: string[];
    /** By route key ("POST /api/v1/devices"); a route without one gets `{}`. */
    templates: Map<string, BodyTemplate>;
}

/** The domain the fixture's service accepts proofs for (the configuration's default). */
const PROOF_DOMAIN = 'localhost:8080';

/** The smallest valid WebAssembly module: the header and an empty type section. */
const EMPTY_WASM = Buffer.from([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x01, 0x00]);

export async function fuzzTarget(): Promise<FuzzTarget> {
    const f = await serviceFixture();
    const holder = await f.worker('holder');
    const idle = await f.worker('idle');
    const open = await f.openTask();
    const awaiting = (await f.createTask()).body.task_id as string;
    await expectStatus(f.claim(holder, open.task_id), 200);
    await expectStatus(f.submit(holder, open.task_id, { digest: 'before the fuzz' }), 200);
    const uploaded = await expectStatus(f.api('POST', '/api/v1/modules', idle.token, { wasm_base64: EMPTY_WASM.toString('base64') }), 201);
    const moduleSha = uploaded.sha256 as string;
    const challenge = (await expectStatus(f.api('POST', '/api/v1/auth/challenge'), 200)).payload;

    const stranger = await f.blockchain.treasury('stranger');
    const sessions = [
        f.requesterToken,
        holder.token,
        idle.token,
        await f.sessionOf(stranger.address),
    ];
    // Every wallet at its device cap: no device body, however mutated, can register one.
    for (const token of sessions) await fillDeviceCap(f, token);

    const proof = signProof(await newWallet('v4r2'), { payload: challenge, domain: PROOF_DOMAIN, timestamp: f.now() });
    const taskIds = [open.task_id, awaiting];
    const deviceIds = [holder.deviceId, idle.deviceId];
    const templates = new Map<string, BodyTemplate>([
        // A proof that logs in, so each mutation meets the check it breaks.
        ['POST /api/v1/auth/verify', { body: proof as unknown as Json }],
        ['POST /api/v1/devices', { body: { name: 'one-too-many', capabilities: ['hash'] } }],
        ['POST /api/v1/modules', { body: { wasm_base64: Buffer.from('this is not a wasm module').toString('base64') } }],
        // Refused for its budget, checked after the input; a budget rewritten as digits could be accepted, so it stays.
        [
            'POST /api/v1/tasks',
            {
                body: { operation: 'hash', input: { text: 'hi' }, budget: '1', redundancy: 3, min_trust_score: 0, deadline: f.now() + 3600 },
                spliceable: [['operation'], ['input', 'text']],
            },
        ],
        ['POST /api/v1/tasks/:id/confirm-escrow', { body: {}, owner: f.requesterToken }],
        // The holder already has a slot of the open task and a result in it: claiming again and a different result
        // are refused, and the awaiting task takes neither.
        ['POST /api/v1/tasks/:id/claim', { body: { device_id: holder.deviceId }, owner: holder.token }],
        [
            'POST /api/v1/tasks/:id/results',
            { body: { device_id: holder.deviceId, output: { digest: 'a different one' } }, owner: holder.token },
        ],
        [
            'POST /api/v1/payments/payout-intent',
            { body: { task_id: open.task_id, executor_address: holder.wallet.address.toString() }, owner: holder.token },
        ],
    ]);

    return {
        fixture: f,
        routes: servedRoutes(f.app),
        sessions,
        badAuthorizations: await badAuthorizations(f, holder),
        realParams: (path) => (path.includes('/devices/') ? deviceIds : path.includes('/modules/') ? [moduleSha] : taskIds),
        // Not the idle device: a body naming it, sent with its session, could claim a slot.
        knownValues: [...taskIds, holder.deviceId, moduleSha, holder.wallet.address.toString(), holder.wallet.address.toRawString()],
        templates,
    };
}

async function fillDeviceCap(f: ServiceFixture, token: string): Promise<void> {
    const have = (await expectStatus(f.api('GET', '/api/v1/devices', token), 200)).devices.length as number;
    for (let i = have; i < MAX_DEVICES_PER_WALLET; i++) {
        await expectStatus(f.api('POST', '/api/v1/devices', token, { name: `filler-${i}`, capabilities: ['hash'] }), 201);
    }
}

/** Forged, expired, mis-signed, mis-schemed and truncated credentials, each built from a real token. */
async function badAuthorizations(f: ServiceFixture, holder: { token: string; wallet: { address: Address } }) {
    const valid = holder.token;
    const wallet = holder.wallet.address;
    const [header, payload, signature] = valid.split('.');
    const otherPayload = f.requesterToken.split('.')[1];
    const b64url = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const signed = (claims: { iss?: string; sub?: string; exp?: number }, secret: Uint8Array = f.secrets.sessionSecret) => {
        const jwt = new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setIssuedAt(f.now());
        if (claims.iss) jwt.setIssuer(claims.iss);
        if (claims.sub) jwt.setSubject(claims.sub);
        if (claims.exp) jwt.setExpirationTime(claims.exp);
        return jwt.sign(secret);
    };
    const flipped = signature.slice(0, -2) + (signature.at(-2) === 'A' ? 'B' : 'A') + signature.at(-1);
    const expired = await new SessionTokens(f.secrets.sessionSecret, 60, () => f.now() - 3600).issue(wallet);
    const otherSecret = await new SessionTokens(randomBytes(32), 900, f.now).issue(wallet);
    const otherAlgorithm = await new SignJWT({})
        .setProtectedHeader({ alg: 'HS512' })
        .setIssuer('gstd-escrow')
        .setSubject(wallet.toRawString())
        .setExpirationTime(f.now() + 900)
        .sign(randomBytes(64));
    return [
        undefined,
        '',
        'Bearer',
        'Bearer ',
        valid,
        `bearer ${valid}`,
        `Bearer  ${valid}`,
        `Token ${valid}`,
        `Basic ${Buffer.from('admin:admin').toString('base64')}`,
        `Bearer ${valid},${valid}`,
        `Bearer ${header}.${otherPayload}.${signature}`,
        `Bearer ${header}.${payload}.${flipped}`,
        `Bearer ${header}.${payload}`,
        `Bearer ${header}.${payload}.`,
        `Bearer ${b64url({ alg: 'none', typ: 'JWT' })}.${payload}.`,
        `Bearer ${expired.token}`,
        `Bearer ${otherSecret.token}`,
        `Bearer ${otherAlgorithm}`,
        `Bearer ${await signed({ iss: 'someone-else', sub: wallet.toRawString(), exp: f.now() + 900 })}`,
        `Bearer ${await signed({ iss: 'gstd-escrow', sub: 'root', exp: f.now() + 900 })}`,
        `Bearer ${await signed({ iss: 'gstd-escrow', sub: wallet.toRawString() })}`,
        `Bearer ${await signed({ iss: 'gstd-escrow', exp: f.now() + 900 })}`,
        // Sessions are for basechain wallets only: the escrow pays no one else.
        `Bearer ${await signed({ iss: 'gstd-escrow', sub: new Address(-1, wallet.hash).toRawString(), exp: f.now() + 900 })}`,
        `Bearer ${'a'.repeat(20_000)}`,
    ];
}

async function expectStatus(response: Promise<ApiResponse>, status: number): Promise<ApiResponse['body']> {
    const res = await response;
    if (res.status !== status) throw new Error(`fuzz target set-up: expected ${status}, got ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
}

/** `path` with each `:param` replaced, in order, by `values`. */
export function fillPath(path: string, values: string[]): string {
    let i = 0;
    return path.replace(/:[A-Za-z0-9_]+/g, () => values[i++]);
}

export function templateOf(target: FuzzTarget, route: ServedRoute): BodyTemplate {
    return target.templates.get(routeKey(route)) ?? { body: {} };
}
