// toncenter's v2 HTTP API over a sandbox: POST /api/v2/jsonRPC, which TonClient (and so Blueprint) uses, and the
// REST forms /api/v2/<method> (GET with a query string, or POST with a JSON body, as toncenter routes each).
// Answers are `{ ok: true, result }` or `{ ok: false, error, code }` with `code` as the HTTP status.
import { Type } from '@sinclair/typebox';
import { FastifyError, FastifyInstance, FastifyRequest } from 'fastify';
import { expectOnly, RpcParams } from './rpcParams';
import { ToncenterError } from './toncenterError';
import { ToncenterMethod } from './toncenterMethods';
import { typeboxValidator } from './typeboxValidator';

/** A BOC may carry a whole contract deployment: room for 1 MiB, whatever the app's default body limit. */
const BODY_LIMIT = 1024 * 1024;

const JsonRpcRequest = Type.Object(
    {
        id: Type.Optional(Type.Union([Type.String({ maxLength: 100 }), Type.Number(), Type.Null()])),
        jsonrpc: Type.Optional(Type.Literal('2.0')),
        method: Type.String({ maxLength: 100 }),
        params: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
    },
    { additionalProperties: false },
);

interface JsonRpcBody {
    id?: string | number | null;
    method: string;
    params?: RpcParams;
}

const MethodPath = Type.Object({ method: Type.String({ maxLength: 100 }) }, { additionalProperties: false });
const RestBody = Type.Record(Type.String(), Type.Unknown());

export async function toncenterRoutes(app: FastifyInstance, opts: { methods: ReadonlyMap<string, ToncenterMethod> }) {
    const { methods } = opts;
    app.setValidatorCompiler(typeboxValidator);
    app.setErrorHandler((err: FastifyError, request, reply) => {
        const failure = toncenterFailure(err);
        if (!(err instanceof ToncenterError) && failure.code >= 500) request.log.error({ err }, 'devnet RPC failed');
        return reply.status(failure.code).send({ ok: false, error: failure.message, code: failure.code, ...rpcIdOf(request) });
    });

    async function call(name: string, params: RpcParams): Promise<unknown> {
        const method = methods.get(name);
        if (!method) {
            throw new ToncenterError(422, `Unknown method "${name}"; the devnet serves ${[...methods.keys()].join(', ')}`);
        }
        expectOnly(params, method.params);
        return method.run(params);
    }

    app.post('/api/v2/jsonRPC', { bodyLimit: BODY_LIMIT, schema: { body: JsonRpcRequest } }, async (request) => {
        const body = request.body as JsonRpcBody;
        const result = await call(body.method, body.params ?? {});
        return { ok: true, result, ...rpcIdOf(request) };
    });

    /** A REST call: `verb` must be the one toncenter routes the method by. */
    async function rest(name: string, verb: 'GET' | 'POST', params: RpcParams) {
        const method = methods.get(name);
        const takes = name === 'jsonRPC' ? 'POST' : method?.verb;
        if (!takes) throw new ToncenterError(404, `Not Found: the devnet serves no method "${name}"`);
        if (takes !== verb) throw new ToncenterError(405, `Method Not Allowed: ${name} takes ${takes}`);
        return { ok: true, result: await call(name, params) };
    }

    app.get('/api/v2/:method', { schema: { params: MethodPath } }, async (request) => {
        const { method } = request.params as { method: string };
        // An API key in the query string is how toncenter takes one; the devnet needs none.
        const params = { ...(request.query as RpcParams) };
        delete params.api_key;
        return rest(method, 'GET', params);
    });

    app.post('/api/v2/:method', { bodyLimit: BODY_LIMIT, schema: { params: MethodPath, body: RestBody } }, async (request) => {
        const { method } = request.params as { method: string };
        return rest(method, 'POST', request.body as RpcParams);
    });
}

/** Any error as the ToncenterError to answer with; internals of unexpected ones stay in the log. */
function toncenterFailure(err: FastifyError): ToncenterError {
    if (err instanceof ToncenterError) return err;
    if (err.code === 'FST_ERR_VALIDATION') return new ToncenterError(422, `Validation error: ${err.message}`);
    if (err.statusCode !== undefined && err.statusCode >= 400 && err.statusCode < 500) {
        return new ToncenterError(err.statusCode, err.message);
    }
    return new ToncenterError(500, 'internal error');
}

/** The JSON-RPC envelope's fields, echoed when the request was a JSON-RPC call. */
function rpcIdOf(request: FastifyRequest): { jsonrpc?: '2.0'; id?: string | number | null } {
    if (request.routeOptions.url !== '/api/v2/jsonRPC') return {};
    const body = request.body as { id?: unknown } | undefined;
    const id = body && typeof body === 'object' ? body.id : undefined;
    if (typeof id === 'string' || typeof id === 'number' || id === null) return { jsonrpc: '2.0', id };
    return { jsonrpc: '2.0' };
}
