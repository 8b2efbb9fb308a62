import type { Config } from 'jest';

const config: Config = {
    preset: 'ts-jest',
    // Sandbox's environment is jest's node environment plus optional gas metrics for sandbox runs; the backend
    // suites under tests/backend run in it unchanged.
    testEnvironment: '@ton/sandbox/jest-environment',
    testMatch: ['<rootDir>/tests/**/*.spec.ts'],
    testTimeout: 120_000,
};

export default config;
