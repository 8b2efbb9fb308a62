// Service configuration from environment variables, validated once at start-up. Every problem is reported
// together, with the variable's name, so a bad deployment fails fast and says why.
import { join, resolve } from 'path';

export interface ServiceConfig {
    host: string;
    port: number;
    /** Where the SQLite file and generated key files live. */
    dataDir: string;
    /** Hex ed25519 seed that signs payout intents, or a file holding it; generated under dataDir if both are unset. */
    signingKeyHex?: string;
    signingKeyFile: string;
    /** Secret for session tokens (hex, at least 32 bytes), or generated under dataDir. */
    sessionSecretHex?: string;
    sessionSecretFile: string;
    sessionTtlSeconds: number;
    /** Domains a `ton_proof` may name (the dApp's own host names). */
    tonProofDomains: string[];
    tonProofMaxAgeSeconds: number;
    logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
}

export class ConfigError extends Error {
    constructor(readonly problems: string[]) {
        super(`invalid configuration:\n  - ${problems.join('\n  - ')}`);
        this.name = 'ConfigError';
    }
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

export function loadConfig(env: Record<string, string | undefined>): ServiceConfig {
    const problems: string[] = [];

    function integer(name: string, fallback: number, min: number, max: number): number {
        const raw = env[name];
        if (raw === undefined || raw === '') return fallback;
        if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
            problems.push(`${name} must be a whole number from ${min} to ${max}, got "${raw}"`);
            return fallback;
        }
        return Number(raw);
    }

    function hex(name: string, bytes: number, exact: boolean): string | undefined {
        const raw = env[name];
        if (raw === undefined || raw === '') return undefined;
        const ok = /^[0-9a-fA-F]+$/.test(raw) && raw.length % 2 === 0 && (exact ? raw.length === bytes * 2 : raw.length >= bytes * 2);
        // The value is a secret: the message names the variable and the expected form, never the value.
        if (!ok) problems.push(`${name} must be ${exact ? 'exactly' : 'at least'} ${bytes} bytes of hex`);
        return ok ? raw.toLowerCase() : undefined;
    }

    const dataDir = resolve(env.GSTD_DATA_DIR || 'data');
    const logLevel = (env.LOG_LEVEL || 'info') as ServiceConfig['logLevel'];
    if (!LOG_LEVELS.includes(logLevel)) problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got "${logLevel}"`);
    const domains = (env.TON_PROOF_DOMAINS || 'localhost:8080')
        .split(',')
        .map((d) => d.trim())
        .filter(Boolean);
    for (const d of domains) {
        if (!/^[a-z0-9.-]+(:\d{1,5})?$/i.test(d)) problems.push(`TON_PROOF_DOMAINS has an invalid host "${d}"`);
    }

    const config: ServiceConfig = {
        host: env.HOST || '0.0.0.0',
        port: integer('PORT', 8080, 0, 65535),
        dataDir,
        signingKeyHex: hex('BACKEND_SIGNING_KEY', 32, true),
        signingKeyFile: env.BACKEND_SIGNING_KEY_FILE ? resolve(env.BACKEND_SIGNING_KEY_FILE) : join(dataDir, 'backend-signing-key'),
        sessionSecretHex: hex('SESSION_SECRET', 32, false),
        sessionSecretFile: join(dataDir, 'session-secret'),
        sessionTtlSeconds: integer('SESSION_TTL_SECONDS', 900, 60, 86_400),
        tonProofDomains: domains,
        tonProofMaxAgeSeconds: integer('TON_PROOF_MAX_AGE_SECONDS', 300, 30, 3600),
        logLevel,
    };
    if (problems.length > 0) throw new ConfigError(problems);
    return config;
}
