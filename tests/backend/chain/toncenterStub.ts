// A toncenter v2 JSON-RPC endpoint answering from a sandbox Blockchain, so TonClient is tested over real HTTP
// without a network. It serves the three methods @ton/ton 16.3.0's contract provider sends for reading:
// runGetMethod (provider.get), getAddressInformation (provider.getState) and getTransactions, and getConfigParam
// (the global id the service reads at start), in the shapes
// HttpApi's zod codecs and TonClient's stack parser accept, filled with the sandbox's own cells and transactions.
//
// Where it knowingly differs from toncenter: the sandbox has no blocks, so block ids are placeholders; and a
// destroyed account keeps its last transaction id here, so its history stays listable, where toncenter v2 answers
// an empty history (toncenter/ton-http-api#171).
import { createServer, IncomingMessage, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { Address, Cell, TupleItem } from '@ton/core';
import { Blockchain, GetMethodError } from '@ton/sandbox';
import { configParam } from '../../../devnet/src/networkConfig';
import { sandboxTransactionsOf } from '../../../devnet/src/transactionLog';
import { transactionJson } from '../../../devnet/src/transactionJson';

/** toncenter's cap on getTransactions' limit. */
const MAX_LIMIT = 100;
/** tonlib's exit code for a get method on an account without code. */
const NO_CODE_EXIT = -13;

export interface ToncenterStub {
    /** The JSON-RPC URL to give TonClient. */
    url: string;
    /** Every JSON-RPC method called, in order. */
    calls: string[];
    close(): Promise<void>;
}

/** A failure toncenter reports as `{ ok: false }` with an HTTP status. */
class RpcError extends Error {
    constructor(
        readonly status: number,
        message: string,
    ) {
        super(message);
    }
}

type Params = Record<string, unknown>;

/** Serves `blockchain` on 127.0.0.1 at a free port; with `apiKey`, refuses requests that do not send it. */
export async function startToncenterStub(
    blockchain: Blockchain,
    options: { apiKey?: string } = {},
): Promise<ToncenterStub> {
    const calls: string[] = [];
    const methods: Record<string, (params: Params) => Promise<unknown>> = {
        runGetMethod: (params) => runGetMethod(blockchain, params),
        getAddressInformation: (params) => addressInformation(blockchain, params),
        getTransactions: async (params) => transactions(blockchain, params),
        getConfigParam: async (params) => configInfo(blockchain, params),
    };

    async function answer(req: IncomingMessage): Promise<unknown> {
        if (req.method !== 'POST') throw new RpcError(405, 'JSON-RPC takes POST');
        if (options.apiKey !== undefined && req.headers['x-api-key'] !== options.apiKey) {
            throw new RpcError(401, 'API key does not exist');
        }
        const request = JSON.parse(await bodyOf(req)) as { method?: unknown; params?: unknown };
        const method = typeof request.method === 'string' ? request.method : '';
        calls.push(method);
        const handler = methods[method];
        if (!handler) throw new RpcError(404, `method not served by the stub: "${method}"`);
        return handler((request.params ?? {}) as Params);
    }

    function respond(res: ServerResponse, status: number, payload: object) {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ ...payload, jsonrpc: '2.0', id: '1' }));
    }

    const server = createServer((req, res) => {
        answer(req).then(
            (result) => respond(res, 200, { ok: true, result }),
            (err: unknown) => {
                const status = err instanceof RpcError ? err.status : 500;
                const error = err instanceof Error ? err.message : String(err);
                respond(res, status, { ok: false, error, code: status });
            },
        );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    let closed: Promise<void> | undefined;
    return {
        url: `http://127.0.0.1:${port}/api/v2/jsonRPC`,
        calls,
        /** Stops listening; calling it again waits for the same close. */
        close: () =>
            (closed ??= new Promise<void>((resolve, reject) => {
                // Node's HTTP agent keeps connections alive; without this, close waits for them to time out.
                server.closeAllConnections();
                server.close((err) => (err ? reject(err) : resolve()));
            })),
    };
}

/** getConfigParam as toncenter answers it: tonlib's configInfo, the parameter's cell as a base64 BOC. */
async function configInfo(blockchain: Blockchain, params: Params) {
    const param = typeof params.config_id === 'number' ? configParam(blockchain, params.config_id) : undefined;
    if (!param) throw new RpcError(500, `LITE_SERVER_UNKNOWN: config parameter ${params.config_id} not found`);
    return { '@type': 'configInfo', config: { '@type': 'tvm.cell', bytes: param.toBoc().toString('base64') } };
}

async function bodyOf(req: IncomingMessage): Promise<string> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
}

function addressParam(params: Params): Address {
    if (typeof params.address !== 'string') throw new RpcError(422, 'address is required');
    try {
        return Address.parse(params.address);
    } catch {
        throw new RpcError(416, `incorrect address: ${params.address}`);
    }
}

async function runGetMethod(blockchain: Blockchain, params: Params) {
    const address = addressParam(params);
    if (typeof params.method !== 'string') throw new RpcError(422, 'method must be a name');
    const stack = Array.isArray(params.stack) ? params.stack.map(stackArgument) : [];
    const account = await blockchain.getContract(address);
    const runResult = (gasUsed: bigint, exitCode: number, stack: unknown[]) => ({
        '@type': 'smc.runResult',
        gas_used: Number(gasUsed),
        exit_code: exitCode,
        stack,
    });
    if (account.accountState?.type !== 'active') return runResult(0n, NO_CODE_EXIT, []);
    try {
        const result = await blockchain.runGetMethod(address, params.method, stack);
        return runResult(result.gasUsed, result.exitCode, result.stack.map(stackEntry));
    } catch (err) {
        if (!(err instanceof GetMethodError)) throw err;
        return runResult(err.gasUsed, err.exitCode, []);
    }
}

/** A get-method argument as TonClient sends it: ["num", decimal] or ["tvm.Cell" | "tvm.Slice", base64 BOC]. */
function stackArgument(entry: unknown): TupleItem {
    const [kind, value] = Array.isArray(entry) ? entry : [];
    if (kind === 'num' && typeof value === 'string') {
        return { type: 'int', value: value.startsWith('-') ? -BigInt(value.slice(1)) : BigInt(value) };
    }
    if ((kind === 'tvm.Cell' || kind === 'tvm.Slice') && typeof value === 'string') {
        return { type: kind === 'tvm.Cell' ? 'cell' : 'slice', cell: Cell.fromBase64(value) };
    }
    throw new RpcError(422, `unsupported stack argument: ${JSON.stringify(entry)}`);
}

/** A result entry as toncenter renders it: numbers in hex, cells and slices alike as "cell", null as an empty list. */
function stackEntry(item: TupleItem): unknown {
    switch (item.type) {
        case 'int':
            return ['num', item.value < 0n ? `-0x${(-item.value).toString(16)}` : `0x${item.value.toString(16)}`];
        case 'cell':
        case 'slice':
            return ['cell', { bytes: item.cell.toBoc().toString('base64') }];
        case 'null':
            return ['list', { '@type': 'tvm.list', elements: [] }];
        default:
            throw new Error(`the stub does not render ${item.type} stack entries`);
    }
}

async function addressInformation(blockchain: Blockchain, params: Params) {
    const { balance, last, state } = await blockchain.provider(addressParam(params)).getState();
    const active = state.type === 'active';
    return {
        '@type': 'raw.fullAccountState',
        balance: balance.toString(),
        extra_currencies: [],
        state: active ? 'active' : state.type === 'frozen' ? 'frozen' : 'uninitialized',
        code: active && state.code ? state.code.toString('base64') : '',
        data: active && state.data ? state.data.toString('base64') : '',
        last_transaction_id: {
            '@type': 'internal.transactionId',
            lt: (last?.lt ?? 0n).toString(),
            hash: (last?.hash ?? Buffer.alloc(32)).toString('base64'),
        },
        frozen_hash: '',
        block_id: PLACEHOLDER_BLOCK,
        sync_utime: blockchain.now ?? Math.floor(Date.now() / 1000),
    };
}

const PLACEHOLDER_BLOCK = {
    '@type': 'ton.blockIdExt',
    workchain: -1,
    shard: '-9223372036854775808',
    seqno: 1,
    root_hash: Buffer.alloc(32).toString('base64'),
    file_hash: Buffer.alloc(32).toString('base64'),
};

/** Newest first, from the transaction (lt, hash) names, inclusive, or from the newest; at most `limit`. */
function transactions(blockchain: Blockchain, params: Params) {
    const address = addressParam(params);
    const limit = Number(params.limit ?? 10);
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
        throw new RpcError(422, `limit must be from 1 to ${MAX_LIMIT}, got ${params.limit}`);
    }
    let history = sandboxTransactionsOf(blockchain, address).reverse();
    if (params.lt !== undefined || params.hash !== undefined) {
        const lt = BigInt(String(params.lt));
        const hash = hashParam(params.hash);
        const start = history.findIndex((tx) => tx.lt === lt && tx.hash().equals(hash));
        if (start < 0) throw new RpcError(500, `LITE_SERVER_UNKNOWN: transaction ${lt} not found`);
        history = history.slice(start);
    }
    if (params.to_lt !== undefined) {
        const toLt = BigInt(String(params.to_lt));
        history = history.filter((tx) => tx.lt > toLt);
    }
    return history.slice(0, limit).map((tx) => transactionJson(address, tx));
}

/** toncenter takes a transaction hash in hex or base64. */
function hashParam(hash: unknown): Buffer {
    if (typeof hash === 'string' && /^[0-9a-fA-F]{64}$/.test(hash)) return Buffer.from(hash, 'hex');
    const bytes = typeof hash === 'string' ? Buffer.from(hash, 'base64') : Buffer.alloc(0);
    if (bytes.length !== 32) throw new RpcError(422, `hash must be 32 bytes in hex or base64, got ${hash}`);
    return bytes;
}

