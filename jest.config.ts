import type { Config } from 'jest';

const shared = {
    transform: { '^.+\\.tsx?$': ['ts-jest', { tsconfig: 'tsconfig.jest.json' }] },
    // Sandbox's environment is jest's node environment plus optional gas metrics for sandbox runs; the backend
    // suites under tests/backend run in it unchanged.
    testEnvironment: '@ton/sandbox/jest-environment',
} satisfies Config;

/**
 * The service's behaviour suites, run a second time with the service on PostgreSQL (tests/helpers/testStore.ts):
 * the same requests and the same expectations on both stores. Suites that arrange or read SQLite directly, or
 * test what happens before the store is reached (configuration, sessions, input schemas, app wiring), run once, in
 * the default project.
 */
const ON_BOTH_STORES = [
    'tests/backend/service/!(config|afterCommit|publicUrl|sybilConfig|webApp|app|sessionRequired|taskInputSchema).spec.ts',
    'tests/backend/tasks/(resultDeadline|sybilResistance).spec.ts',
    'tests/backend/realtime/(hub|outbox|spotCheckOffers|sessionExpiry).spec.ts',
];

const config: Config = {
    // Most suites wait on child processes, sockets and the chain rather than on the CPU: two at a time fit two cores.
    maxWorkers: 2,
    testTimeout: 120_000,
    projects: [
        { ...shared, displayName: 'default', testMatch: ['<rootDir>/tests/**/*.spec.ts'] },
        {
            ...shared,
            displayName: 'postgres',
            testMatch: ON_BOTH_STORES.map((pattern) => `<rootDir>/${pattern}`),
            setupFiles: ['<rootDir>/tests/helpers/onPostgres.ts'],
            setupFilesAfterEnv: ['<rootDir>/tests/helpers/postgresProject.ts'],
        },
    ],
};

export default config;
