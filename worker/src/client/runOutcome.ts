// How one offer ended on the worker's side, for the CLI's task runner and the browser engine alike. Its own file so
// the offer queue, which both share, does not reach the Node task runner even for a type.

export type RunOutcome =
    | { kind: 'claim_refused'; code: string }
    | { kind: 'failed' }
    | { kind: 'abandoned' }
    /** The result is in: its hash, and its verdict when this submission decided the task. */
    | { kind: 'submitted'; resultHash: string; verdict: 'valid' | 'invalid' | null }
    | { kind: 'submit_refused'; code: string };
