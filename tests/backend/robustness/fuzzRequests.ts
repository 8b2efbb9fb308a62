// Malformed requests by kind, as fast-check arbitraries over every route the app serves. Bodies are built from
// each route's template, which never changes the store, so whatever the mutation, nothing may be written.
import fc from 'fast-check';
import {
    asBytes,
    hugeString,
    Json,
    withDeepNesting,
    withHugeString,
    withInvalidUtf8,
    withMissingField,
    withOddString,
    withUnknownField,
    withWrongType,
} from './bodyMutations';
import { BodyTemplate, fillPath, FuzzTarget, templateOf } from './fuzzTarget';
import { anyMethod, badContentType, badPathParam, badQuery, garbageBytes, printableAscii } from './malformedParts';
import { parameterNames, routeKey, ServedRoute } from './servedRoutes';

export interface FuzzRequest {
    method: string;
    url: string;
    headers: Record<string, string>;
    payload?: Buffer;
    /** The served route the request was aimed at, for counting coverage. */
    aimedAt?: string;
    /** A status the request must get, when its kind fixes one. */
    mustGet?: number;
}

type RequestParts = Pick<FuzzRequest, 'url' | 'headers' | 'payload' | 'mustGet'>;

/** Routes anyone may call; every other route must refuse a request without a valid session. */
export const PUBLIC_PATHS = new Set([
    '/health',
    '/ready',
    '/metrics',
    '/api/v1/auth/challenge',
    '/api/v1/auth/verify',
    // The API's description and its browsable reference.
    '/openapi.json',
    '/docs',
    '/docs/',
    '/docs/*',
    '/docs/json',
    '/docs/yaml',
    '/docs/static/index.html',
    '/docs/static/swagger-initializer.js',
]);

export const FUZZ_KINDS = [
    'wrong JSON types',
    'unknown fields',
    'missing fields',
    'odd strings in string fields',
    'huge strings',
    'deep nesting',
    'invalid UTF-8',
    'invalid content types',
    'garbage bytes',
    'bad path params',
    'bad bearer tokens',
    'valid session, random bodies',
    'random methods on paths',
    'bad query strings',
] as const;

export type FuzzKind = (typeof FUZZ_KINDS)[number];

const JSON_TYPE = { 'content-type': 'application/json' };
const BODY_FIELDS = ['device_id', 'output', 'task_id', 'name', 'capabilities', 'wasm_base64', 'budget', 'input'];

function takesBody(route: ServedRoute): boolean {
    return route.method !== 'GET' && route.method !== 'HEAD';
}

/** A request at one of `among`, with its URL, headers and body drawn by `parts` for the chosen route. */
function aimedAt(among: ServedRoute[], parts: (route: ServedRoute) => fc.Arbitrary<RequestParts>): fc.Arbitrary<FuzzRequest> {
    return fc.constantFrom(...among).chain((route) => parts(route).map((p) => ({ method: route.method, aimedAt: routeKey(route), ...p })));
}

export function fuzzRequests(target: FuzzTarget): Record<FuzzKind, fc.Arbitrary<FuzzRequest>> {
    const routes = target.routes;
    const bodyRoutes = routes.filter(takesBody);
    const readRoutes = routes.filter((r) => !takesBody(r));
    const paramRoutes = routes.filter((r) => parameterNames(r.path).length > 0);
    const session = fc.constantFrom(...target.sessions).map((token) => ({ authorization: `Bearer ${token}` }));
    const template = (route: ServedRoute) => templateOf(target, route);

    /** Half the time the session the route's template is made for, so requests get past ownership checks. */
    function sessionFor(route: ServedRoute) {
        const owner = template(route).owner;
        return owner ? fc.oneof(session, fc.constant({ authorization: `Bearer ${owner}` })) : session;
    }

    function realParams(route: ServedRoute) {
        return fc.tuple(...parameterNames(route.path).map(() => fc.constantFrom(...target.realParams(route.path))));
    }

    function realUrl(route: ServedRoute): fc.Arbitrary<string> {
        return realParams(route).map((values) => fillPath(route.path, values));
    }

    /** One parameter (of possibly several) malformed, the others real. */
    function badParamUrl(route: ServedRoute): fc.Arbitrary<string> {
        return fc
            .tuple(fc.nat(parameterNames(route.path).length - 1), badPathParam, realParams(route))
            .map(([which, bad, real]) => fillPath(route.path, real.map((value, i) => (i === which ? bad : value))));
    }

    /** A body route with a real URL and session, and a JSON body made by `mutate` from the route's template. */
    function mutatedBody(mutate: (template: BodyTemplate) => fc.Arbitrary<Buffer>): fc.Arbitrary<FuzzRequest> {
        return aimedAt(bodyRoutes, (route) =>
            fc
                .record({ url: realUrl(route), auth: sessionFor(route), payload: mutate(template(route)) })
                .map(({ url, auth, payload }) => ({ url, headers: { ...auth, ...JSON_TYPE }, payload })),
        );
    }

    const json = (arbitrary: fc.Arbitrary<Json | undefined>) => arbitrary.map(asBytes);
    const anyMutation = (t: BodyTemplate) => json(fc.oneof(withWrongType(t.body), withUnknownField(t.body), withMissingField(t.body)));
    const hugeHeaderValue = printableAscii({ minLength: 1, maxLength: 3 }).map((unit) => unit.repeat(Math.ceil(50_000 / unit.length)));

    return {
        'wrong JSON types': mutatedBody((t) => json(withWrongType(t.body))),
        'unknown fields': mutatedBody((t) => json(withUnknownField(t.body))),
        'missing fields': mutatedBody((t) => json(withMissingField(t.body))),
        'odd strings in string fields': mutatedBody((t) => json(withOddString(t.body, t.spliceable))),
        'huge strings': fc.oneof(
            mutatedBody((t) => json(withHugeString(t.body))),
            aimedAt(routes, (route) =>
                fc
                    .record({
                        url: realUrl(route),
                        auth: session,
                        header: fc.constantFrom('authorization', 'content-type', 'x-fuzz', 'cookie', 'user-agent', 'query'),
                        huge: hugeHeaderValue,
                    })
                    .map(({ url, auth, header, huge }) => {
                        if (header === 'query') return { url: `${url}?q=${encodeURIComponent(huge)}`, headers: auth };
                        // A huge token still in the bearer alphabet, so it reaches the token check.
                        const value = header === 'authorization' ? `Bearer ${huge.replace(/[^A-Za-z0-9_.-]/g, 'x')}` : huge;
                        return { url, headers: { ...auth, [header]: value } };
                    }),
            ),
        ),
        'deep nesting': mutatedBody((t) => withDeepNesting(t.body)),
        'invalid UTF-8': mutatedBody((t) => withInvalidUtf8(t.body, t.spliceable)),
        'invalid content types': aimedAt(bodyRoutes, (route) =>
            fc
                .record({
                    url: realUrl(route),
                    auth: sessionFor(route),
                    type: badContentType,
                    payload: fc.oneof(anyMutation(template(route)), garbageBytes),
                })
                .map(({ url, auth, type, payload }) => ({ url, headers: { ...auth, 'content-type': type }, payload })),
        ),
        'garbage bytes': aimedAt(bodyRoutes, (route) =>
            fc
                .record({
                    url: realUrl(route),
                    auth: session,
                    type: fc.option(fc.constantFrom('application/json', 'application/octet-stream', 'text/plain'), { nil: undefined }),
                    payload: garbageBytes,
                })
                .map(({ url, auth, type, payload }) => ({ url, headers: type ? { ...auth, 'content-type': type } : auth, payload })),
        ),
        'bad path params': aimedAt(paramRoutes, (route) =>
            fc
                .record({
                    url: badParamUrl(route),
                    auth: sessionFor(route),
                    payload: takesBody(route) ? anyMutation(template(route)) : fc.constant(undefined),
                })
                .map(({ url, auth, payload }) => ({ url, headers: payload ? { ...auth, ...JSON_TYPE } : auth, payload })),
        ),
        // The template as it is: a well-formed request whose only fault is its credentials.
        'bad bearer tokens': aimedAt(routes, (route) =>
            fc.record({ url: realUrl(route), authorization: fc.constantFrom(...target.badAuthorizations) }).map(({ url, authorization }) => ({
                url,
                headers: { ...(authorization === undefined ? {} : { authorization }), ...(takesBody(route) ? JSON_TYPE : {}) },
                payload: takesBody(route) ? asBytes(template(route).body) : undefined,
                mustGet: PUBLIC_PATHS.has(route.path) ? undefined : 401,
            })),
        ),
        'valid session, random bodies': aimedAt(bodyRoutes, (route) =>
            fc
                .record({
                    url: realUrl(route),
                    auth: sessionFor(route),
                    body: fc.oneof(
                        fc.jsonValue({ maxDepth: 4 }),
                        fc.dictionary(
                            fc.constantFrom(...BODY_FIELDS),
                            fc.oneof(fc.constantFrom(...target.knownValues), fc.jsonValue({ maxDepth: 2 })),
                        ),
                    ) as fc.Arbitrary<Json>,
                })
                .map(({ url, auth, body }) => ({ url, headers: { ...auth, ...JSON_TYPE }, payload: asBytes(body) })),
        ),
        'random methods on paths': fc
            .record({
                method: anyMethod,
                url: fc.oneof(
                    fc.constantFrom(...routes).chain(realUrl),
                    fc.constantFrom(...routes.map((r) => r.path)),
                    fc.webPath().map((p) => `/${p.replace(/^\//, '')}`),
                ),
                auth: fc.option(session, { nil: undefined }),
                payload: fc.option(fc.oneof(garbageBytes, hugeString.map((s) => Buffer.from(JSON.stringify(s)))), { nil: undefined }),
            })
            .map(({ method, url, auth, payload }) => ({ method, url, headers: { ...auth, ...(payload ? JSON_TYPE : {}) }, payload })),
        'bad query strings': aimedAt(readRoutes, (route) =>
            fc
                .record({ url: realUrl(route), auth: session, query: badQuery(target.knownValues) })
                .map(({ url, auth, query }) => ({ url: `${url}?${query}`, headers: auth })),
        ),
    };
}
