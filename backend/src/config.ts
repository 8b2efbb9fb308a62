// Service configuration from environment variables, validated once at start-up. Every problem is reported
// together, with the variable's name, so a bad deployment fails fast and says why.
import { join, resolve } from 'path';
import { Address } from '@ton/core';
import { DEFAULT_SYBIL_POLICY, SybilPolicy } from './domain';

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
    /** Where users reach the web app (scheme, host, port): the TonConnect manifest's url, and the default proof domain. */
    publicUrl: string;
    /** Domains a `ton_proof` may name (the dApp's own host names). */
    tonProofDomains: string[];
    tonProofMaxAgeSeconds: number;
    logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
    /** `pretty` for a person at a terminal, `json` (one object per line) for a log collector. */
    logFormat: 'pretty' | 'json';
    /** The SQLite file, used when `databaseUrl` is absent. */
    databaseFile: string;
    /** PostgreSQL (DATABASE_URL), shared by every node of a cluster; SQLite under the data directory when absent. */
    databaseUrl?: string;
    /** Connections each node keeps to PostgreSQL at most. */
    databasePoolSize: number;
    /**
     * The chain, through a toncenter-style v2 API (testnet, mainnet or the local devnet); absent when CHAIN is unset,
     * for `npm start`'s launcher to start a local devnet and fill it in.
     */
    chain?: ChainConfig;
    /** Auth requests (challenge, verify) per minute per client IP. */
    authRatePerMinute: number;
    /** Result submissions per second per wallet (bursts of twice that). */
    resultRatePerSecond: number;
    /** How often slot timeouts and deadlines are swept, and the chain is polled; 0 turns a loop off. */
    sweepIntervalMs: number;
    chainPollIntervalMs: number;
    /** Redis for the task queue (Streams); the in-process queue when absent. */
    redisUrl?: string;
    /** WebSocket hub: server ping period, largest frame a client may send, unsent bytes before a reader is dropped. */
    wsPingIntervalMs: number;
    wsMaxPayloadBytes: number;
    wsMaxBufferedBytes: number;
    /** The Sybil rules: when an identity is established, the default minimum trust, how often spot checks come. */
    sybil: SybilPolicy;
    /** A JSON list of known-answer spot checks loaded at start-up (see docs/service-domain.md), or none. */
    spotChecksFile?: string;
    /** Bearer token GET /metrics requires (METRICS_TOKEN); open when absent. */
    metricsToken?: string;
    /** A port of its own for /metrics (METRICS_PORT), which the main port then does not serve. */
    metricsPort?: number;
}

export interface ChainConfig {
    /** The v2 JSON-RPC URL, e.g. https://testnet.toncenter.com/api/v2/jsonRPC */
    endpoint: string;
    apiKey?: string;
    /** The deployed EscrowMaster. */
    master: string;
    /**
     * Which network's global id intents are signed for: mainnet (-239) or testnet (-3), or, when absent, the one the
     * endpoint reports (config parameter 19), as for the local devnet.
     */
    network?: 'mainnet' | 'testnet';
}

export class ConfigError extends Error {
    constructor(readonly problems: string[]) {
        super(`invalid configuration:\n  - ${problems.join('\n  - ')}`);
        this.name = 'ConfigError';
    }
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** `stdoutIsTty` picks the log format when LOG_FORMAT is unset: pretty at a terminal, JSON otherwise. */
export function loadConfig(env: Record<string, string | undefined>, stdoutIsTty = Boolean(process.stdout.isTTY)): ServiceConfig {
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

    function fraction(name: string, fallback: number, below1: boolean): number {
        const raw = env[name];
        if (raw === undefined || raw === '') return fallback;
        const value = Number(raw);
        if (!/^\d+(\.\d+)?$/.test(raw) || value > 1 || (below1 && value === 1)) {
            problems.push(`${name} must be a decimal from 0 to ${below1 ? 'below 1' : '1'}, got "${raw}"`);
            return fallback;
        }
        return value;
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
    const logFormat = (env.LOG_FORMAT || (stdoutIsTty ? 'pretty' : 'json')) as ServiceConfig['logFormat'];
    if (logFormat !== 'pretty' && logFormat !== 'json') problems.push(`LOG_FORMAT must be pretty or json, got "${logFormat}"`);
    const port = integer('PORT', 8080, 0, 65535);
    const publicUrl = publicUrlOf(env.PUBLIC_URL, port);
    // A wallet names the page's host in its proof, so by default the proofs accepted are those for PUBLIC_URL.
    const domains = (env.TON_PROOF_DOMAINS || new URL(publicUrl).host)
        .split(',')
        .map((d) => d.trim())
        .filter(Boolean);
    for (const d of domains) {
        if (!/^[a-z0-9.-]+(:\d{1,5})?$/i.test(d)) problems.push(`TON_PROOF_DOMAINS has an invalid host "${d}"`);
    }

    const chain = chainConfig();

    const config: ServiceConfig = {
        host: env.HOST || '0.0.0.0',
        port,
        publicUrl,
        dataDir,
        signingKeyHex: hex('BACKEND_SIGNING_KEY', 32, true),
        signingKeyFile: env.BACKEND_SIGNING_KEY_FILE ? resolve(env.BACKEND_SIGNING_KEY_FILE) : join(dataDir, 'backend-signing-key'),
        sessionSecretHex: hex('SESSION_SECRET', 32, false),
        sessionSecretFile: join(dataDir, 'session-secret'),
        sessionTtlSeconds: integer('SESSION_TTL_SECONDS', 900, 60, 86_400),
        tonProofDomains: domains,
        tonProofMaxAgeSeconds: integer('TON_PROOF_MAX_AGE_SECONDS', 300, 30, 3600),
        logLevel,
        logFormat,
        databaseFile: join(dataDir, 'gstd.sqlite'),
        databaseUrl: databaseUrl(env.DATABASE_URL),
        databasePoolSize: integer('DATABASE_POOL_SIZE', 10, 1, 1000),
        chain,
        authRatePerMinute: integer('RATE_LIMIT_AUTH_PER_MINUTE', 60, 1, 1_000_000),
        resultRatePerSecond: integer('RATE_LIMIT_RESULTS_PER_SECOND', 20, 1, 1_000_000),
        sweepIntervalMs: integer('SWEEP_INTERVAL_MS', 1000, 0, 3_600_000),
        chainPollIntervalMs: integer('CHAIN_POLL_INTERVAL_MS', 5000, 0, 3_600_000),
        redisUrl: redisUrl(env.REDIS_URL),
        wsPingIntervalMs: integer('WS_PING_INTERVAL_MS', 30_000, 100, 3_600_000),
        wsMaxPayloadBytes: integer('WS_MAX_PAYLOAD_BYTES', 32 * 1024, 1024, 1024 * 1024),
        wsMaxBufferedBytes: integer('WS_MAX_BUFFERED_BYTES', 1024 * 1024, 1024, 256 * 1024 * 1024),
        sybil: {
            establishedAccuracyBound: fraction('ESTABLISHED_ACCURACY_BOUND', DEFAULT_SYBIL_POLICY.establishedAccuracyBound, true),
            establishedMajority: establishedMajority(env.ESTABLISHED_MAJORITY),
            defaultMinTrustScore: fraction('DEFAULT_MIN_TRUST_SCORE', DEFAULT_SYBIL_POLICY.defaultMinTrustScore, false),
            spotCheckFraction: fraction('SPOT_CHECK_FRACTION', DEFAULT_SYBIL_POLICY.spotCheckFraction, false),
        },
        spotChecksFile: env.SPOT_CHECKS_FILE ? resolve(env.SPOT_CHECKS_FILE) : undefined,
        metricsToken: metricsToken(env.METRICS_TOKEN),
        metricsPort: metricsPort(env.METRICS_PORT),
    };
    if (problems.length > 0) throw new ConfigError(problems);
    return config;

    function establishedMajority(raw: string | undefined): SybilPolicy['establishedMajority'] {
        if (raw === undefined || raw === '') return DEFAULT_SYBIL_POLICY.establishedMajority;
        if (raw !== 'when_contested' && raw !== 'always') {
            problems.push(`ESTABLISHED_MAJORITY must be when_contested or always, got "${raw}"`);
            return DEFAULT_SYBIL_POLICY.establishedMajority;
        }
        return raw;
    }

    /** CHAIN=toncenter and its settings; undefined when CHAIN is unset (no chain configured). */
    function chainConfig(): ChainConfig | undefined {
        const kind = env.CHAIN || '';
        if (kind === '') {
            const stray = ['TONCENTER_ENDPOINT', 'ESCROW_MASTER_ADDRESS', 'TON_NETWORK'].filter((name) => env[name]);
            if (stray.length > 0) problems.push(`${stray.join(', ')} take effect only with CHAIN=toncenter`);
            return undefined;
        }
        if (kind !== 'toncenter') {
            const devnet = kind === 'sandbox' ? ': the local devnet is its own program now (npm run devnet), and npm start without CHAIN starts one' : '';
            problems.push(`CHAIN must be toncenter or unset, got "${kind}"${devnet}`);
            return undefined;
        }
        const endpoint = env.TONCENTER_ENDPOINT || '';
        const master = env.ESCROW_MASTER_ADDRESS || '';
        const network = env.TON_NETWORK || undefined;
        if (!/^https?:\/\/[^\s]+$/.test(endpoint)) problems.push('TONCENTER_ENDPOINT must be an http(s) URL, e.g. https://testnet.toncenter.com/api/v2/jsonRPC');
        if (!isAddress(master)) problems.push('ESCROW_MASTER_ADDRESS must be the address of the deployed EscrowMaster');
        if (network !== undefined && network !== 'mainnet' && network !== 'testnet') {
            problems.push(`TON_NETWORK must be mainnet, testnet or unset (the endpoint's own), got "${network}"`);
        }
        return { endpoint, apiKey: env.TONCENTER_API_KEY || undefined, master, network: network as ChainConfig['network'] };
    }

    /** PUBLIC_URL as an origin without a trailing slash; http://localhost:<port> when unset. */
    function publicUrlOf(raw: string | undefined, port: number): string {
        const fallback = `http://localhost:${port}`;
        if (raw === undefined || raw === '') return fallback;
        let url: URL | undefined;
        try {
            url = new URL(raw);
        } catch {
            url = undefined;
        }
        if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || url.pathname !== '/' || url.search || url.hash || url.username) {
            problems.push(`PUBLIC_URL must be an http(s) origin such as https://gstd.example.org, got "${raw}"`);
            return fallback;
        }
        return url.origin;
    }

    function metricsToken(raw: string | undefined): string | undefined {
        if (raw === undefined || raw === '') return undefined;
        // A secret: the message names the variable and the expected form, never the value.
        if (!/^[A-Za-z0-9._~+/=-]{16,256}$/.test(raw)) {
            problems.push('METRICS_TOKEN must be 16 to 256 characters of letters, digits and -._~+/=');
            return undefined;
        }
        return raw;
    }

    function metricsPort(raw: string | undefined): number | undefined {
        if (raw === undefined || raw === '') return undefined;
        const value = integer('METRICS_PORT', 0, 1, 65535);
        if (value !== 0 && value === port) problems.push(`METRICS_PORT must differ from PORT (${port})`);
        return value === 0 ? undefined : value;
    }

    function databaseUrl(raw: string | undefined): string | undefined {
        if (raw === undefined || raw === '') return undefined;
        // As with Redis, the URL may hold a password: only the variable and the form are named.
        if (!/^postgres(ql)?:\/\/[^\s]+$/.test(raw)) problems.push('DATABASE_URL must be a postgres:// or postgresql:// URL');
        return raw;
    }

    function redisUrl(raw: string | undefined): string | undefined {
        if (raw === undefined || raw === '') return undefined;
        // The URL may hold a password: the message names the variable and the expected form, never the value.
        if (!/^rediss?:\/\/[^\s]+$/.test(raw)) problems.push('REDIS_URL must be a redis:// or rediss:// URL');
        return raw;
    }
}

function isAddress(text: string): boolean {
    try {
        Address.parse(text);
        return true;
    } catch {
        return false;
    }
}
