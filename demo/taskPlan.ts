// The tasks the requester posts: the real modules in worker/modules/dist, each with an input it accepts.
export interface PlannedTask {
    operation: 'prime-sieve' | 'hash-chain' | 'matrix-product';
    input: Record<string, number>;
}

const ROTATION: PlannedTask[] = [
    { operation: 'prime-sieve', input: { limit: 200_000 } },
    { operation: 'hash-chain', input: { seed: 7, rounds: 100_000 } },
    { operation: 'matrix-product', input: { seed: 42, n: 24 } },
];

/** `count` tasks, cycling through the operations and varying the input so no two tasks are the same job. */
export function planTasks(count: number): PlannedTask[] {
    return Array.from({ length: count }, (_, i) => {
        const base = ROTATION[i % ROTATION.length];
        const round = Math.floor(i / ROTATION.length);
        const input = { ...base.input };
        if ('limit' in input) input.limit += round * 1_000;
        else input.seed += round;
        return { operation: base.operation, input };
    });
}
