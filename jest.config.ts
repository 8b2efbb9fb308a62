import type { Config } from 'jest';

const config: Config = {
    transform: { '^.+\\.tsx?$': ['ts-jest', { tsconfig: 'tsconfig.jest.json' }] },
    // Most suites wait on child processes, sockets and the chain rather than on the CPU: two at a time fit two cores.
    maxWorkers: 2,
    // Sandbox's environment is jest's node environment plus optional gas metrics for sandbox runs; the backend
    // suites under tests/backend run in it unchanged.
    testEnvironment: '@ton/sandbox/jest-environment',
    testMatch: ['<rootDir>/tests/**/*.spec.ts'],
    testTimeout: 120_000,
};

export default config;
