// The API described as OpenAPI 3, generated from the routes' own TypeBox schemas (@fastify/swagger), at
// GET /openapi.json, and browsable at /docs (@fastify/swagger-ui, which serves its page and scripts itself, so the
// reference works offline). Each operation lists the error codes it answers, from routes/refusals.ts.
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import { FastifyInstance } from 'fastify';
// The 3.0 types: what this file touches (paths, operations, responses) has the same shape in 3.1.
import type { OpenAPIV3 } from 'openapi-types';
import { ErrorBody } from '../../../protocol';
import { ROUTE_REFUSALS } from '../routes/refusals';

/** Outside /api/v1, the paths that are part of the API: the operator's probes and the devices' WebSocket. */
const DOCUMENTED_OUTSIDE_API = new Set(['/health', '/ready', '/metrics', '/ws']);

const ERROR_BODY_REF = { $ref: '#/components/schemas/ErrorBody' };

const DESCRIPTION = [
    'GSTD Escrow service. Every error answer has the body `{"error": {"code", "message"}}` with a stable code;',
    "each operation's error responses list the codes it can answer (`x-error-codes`).",
    'Before any route runs, any path may also answer `400 BAD_URL`, `404 NOT_FOUND`, `405 METHOD_NOT_ALLOWED`',
    '(with `Allow`), or `400 BAD_HTTP` for bytes that are not HTTP. Every answer carries `x-request-id`.',
    'Lists are paged: pass `next_cursor` back as `?cursor=` until it is null.',
].join(' ');

export async function apiDocs(app: FastifyInstance): Promise<void> {
    await app.register(fastifySwagger, {
        openapi: {
            // 3.1: the schemas are JSON Schema, `{type: 'null'}` included, as TypeBox writes them.
            openapi: '3.1.0',
            info: { title: 'GSTD Escrow service', version: '1', description: DESCRIPTION },
            components: {
                securitySchemes: {
                    session: { type: 'http', scheme: 'bearer', description: 'the token POST /api/v1/auth/verify answers' },
                    metricsToken: { type: 'http', scheme: 'bearer', description: 'METRICS_TOKEN, when the operator sets one' },
                },
                schemas: { ErrorBody: ErrorBody as OpenAPIV3.SchemaObject },
            },
        },
        // The web app's files and the reference's own pages are not the API; the WebSocket route is, though
        // @fastify/websocket hides it.
        transform: ({ schema, url }) => ({ schema: { ...schema, hide: !isDocumented(url) }, url }),
        transformObject: (documents) => withRefusals((documents as { openapiObject: OpenAPIV3.Document }).openapiObject),
    });
    await app.register(fastifySwaggerUi, { routePrefix: '/docs', uiConfig: { deepLinking: true } });
    app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
}

function isDocumented(url: string): boolean {
    return url.startsWith('/api/v1/') || DOCUMENTED_OUTSIDE_API.has(url);
}

/** Adds each operation's error answers, its security and its tag; the WebSocket route says it upgrades. */
function withRefusals(doc: OpenAPIV3.Document): OpenAPIV3.Document {
    for (const [path, item] of Object.entries(doc.paths)) {
        for (const method of ['get', 'put', 'post', 'delete', 'patch'] as const) {
            const operation = item?.[method];
            if (!operation) continue;
            const route = `${method.toUpperCase()} ${path.replace(/\{([^}]+)\}/g, ':$1')}`;
            const refusals = { ...sharedRefusals(operation) };
            for (const [status, codes] of Object.entries(ROUTE_REFUSALS[route] ?? {})) {
                refusals[Number(status)] = [...(refusals[Number(status)] ?? []), ...codes!];
            }
            for (const [status, codes] of Object.entries(refusals)) {
                const declared = operation.responses[status] as OpenAPIV3.ResponseObject | undefined;
                operation.responses[status] = {
                    description: `Refused: ${codes!.map((code) => `\`${code}\``).join(', ')}`,
                    // A route that declares its own refusal body (GET /ready's 503) keeps it.
                    content: declared?.content && status === '503' ? declared.content : { 'application/json': { schema: ERROR_BODY_REF } },
                    'x-error-codes': [...new Set(codes)],
                } as OpenAPIV3.ResponseObject;
            }
            if (path === '/metrics') operation.security = [{}, { metricsToken: [] }];
            else if (refusals[401]?.includes('UNAUTHENTICATED')) operation.security = [{ session: [] }];
            operation.tags = [tagOf(path)];
            if (path === '/ws') describeUpgrade(operation);
        }
    }
    return doc;
}

/** What any operation of its shape can answer: schema, body and path-parameter refusals, and INTERNAL. */
function sharedRefusals(operation: OpenAPIV3.OperationObject): Record<number, string[]> {
    const refusals: Record<number, string[]> = { 500: ['INTERNAL'] };
    const parameters = (operation.parameters ?? []) as OpenAPIV3.ParameterObject[];
    if (operation.requestBody || parameters.length > 0) refusals[400] = ['BAD_REQUEST'];
    if (operation.requestBody) {
        refusals[400].push('INVALID_JSON', 'EMPTY_BODY', 'BAD_CONTENT_LENGTH');
        refusals[413] = ['BODY_TOO_LARGE'];
        refusals[415] = ['UNSUPPORTED_MEDIA_TYPE'];
    }
    if (parameters.some((p) => p.in === 'path')) refusals[414] = ['PARAM_TOO_LONG'];
    return refusals;
}

function tagOf(path: string): string {
    const section = /^\/api\/v1\/([a-z]+)/.exec(path)?.[1];
    if (!section) return path === '/ws' ? 'realtime' : 'operations';
    return ({ offers: 'tasks', payouts: 'payments' } as Record<string, string>)[section] ?? section;
}

function describeUpgrade(operation: OpenAPIV3.OperationObject): void {
    operation.summary = "A device's live connection (WebSocket)";
    operation.description =
        'Upgrades to a WebSocket (`Connection: Upgrade`, `Upgrade: websocket`). The session token goes in the ' +
        '`Authorization` header or, from a browser, in `?token=`. Frames are JSON, typed by `type`: ' +
        '`protocol/clientFrames.ts` and `protocol/serverFrames.ts`, described in docs/realtime.md. ' +
        'OpenAPI cannot describe the frames themselves. A GET without the upgrade is 404.';
    delete operation.responses['200'];
    operation.responses['101'] = { description: 'Switching Protocols: the connection is a WebSocket from here on' };
}
