// Throughput the service must sustain, in requests per second, on a 2-core machine with the load generator
// sharing it (see bench/service/service.ts).
export const SERVICE_TARGETS = {
    resultsPerSec: 3_000,
    intentsPerSec: 5_000,
} as const;
