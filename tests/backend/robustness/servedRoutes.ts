// The routes the app actually serves, read from fastify's own route tree: a route someone adds later is fuzzed
// without anyone remembering to list it here.
import { FastifyInstance } from 'fastify';

export interface ServedRoute {
    method: string;
    /** The path as registered, with `:name` parameters. */
    path: string;
}

/** One line of `printRoutes({ commonPrefix: false })`: tree indentation, a path segment, its methods if any. */
const TREE_LINE = /^((?:│ {3}| {4})*)(?:├── |└── )(\S+)(?: \(([A-Z, ]+)\))?$/;

export function servedRoutes(app: FastifyInstance): ServedRoute[] {
    const prefixes: string[] = [];
    const routes: ServedRoute[] = [];
    for (const line of app.printRoutes({ commonPrefix: false }).split('\n')) {
        if (line.trim() === '') continue;
        const match = TREE_LINE.exec(line);
        // A format change in fastify must fail loudly, not silently shrink the list.
        if (!match) throw new Error(`printRoutes printed a line this parser does not know: ${JSON.stringify(line)}`);
        const depth = match[1].length / 4;
        const path = (depth === 0 ? '' : prefixes[depth - 1]) + match[2];
        prefixes.length = depth;
        prefixes.push(path);
        for (const method of match[3]?.split(', ') ?? []) routes.push({ method, path });
    }
    return routes;
}

export function routeKey(route: ServedRoute): string {
    return `${route.method} ${route.path}`;
}

export function parameterNames(path: string): string[] {
    return [...path.matchAll(/:([A-Za-z0-9_]+)/g)].map((m) => m[1]);
}
