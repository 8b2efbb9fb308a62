// What the bench and its load-generating child process say to each other over IPC: the bench sends a phase, the
// child builds its requests and says it is ready, the bench says go (so it can start its own measurements at the
// same moment), and the child reports.

export interface LoadRequest {
    method: 'GET' | 'POST';
    path: string;
    /** Index into the phase's `tokens`: the bearer session the request carries. */
    token?: number;
    /** JSON text of the body. */
    body?: string;
}

export interface LoadPhase {
    /**
     * Base URLs of the nodes, e.g. `http://127.0.0.1:3000`; request i goes to `urls[i % urls.length]`, round-robin as a
     * load balancer without sticky sessions would spread them (a task's submissions may land on different nodes).
     */
    urls: string[];
    /** Requests in flight at once, each on its own keep-alive connection. */
    concurrency: number;
    /** Session tokens, sent once per phase rather than once per request. */
    tokens: string[];
    requests: LoadRequest[];
    /**
     * Requests come in groups of this many (a task's submissions); once `maxSeconds` have passed no new group is
     * started, so every group begun is finished and no task is left half-submitted.
     */
    groupSize: number;
    maxSeconds: number;
}

export interface LoadReport {
    /** Requests sent and answered: always a whole number of groups. */
    requests: number;
    seconds: number;
    /** Answers by HTTP status. */
    statuses: Record<string, number>;
    /** Up to a few answers that were not 200, to say why. */
    failures: string[];
    p50Ms: number;
    p99Ms: number;
}

export type ToLoadClient = { kind: 'prepare'; phase: LoadPhase } | { kind: 'go' };

export type FromLoadClient = { kind: 'ready' } | { kind: 'report'; report: LoadReport } | { kind: 'error'; error: string };
