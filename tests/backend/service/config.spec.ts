// Configuration: defaults that run on one machine, every bad value reported by name, secrets kept in files.
import { mkdtempSync, readFileSync, statSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { ConfigError, loadConfig } from '../../../backend/src/config';
import { loadSecrets } from '../../../backend/src/secrets';

describe('service configuration', () => {
    it('runs with no configuration at all', () => {
        const config = loadConfig({});
        expect(config.port).toBe(8080);
        expect(config.dataDir).toMatch(/data$/);
        expect(config.sessionTtlSeconds).toBe(900);
    });

    it('reports every bad value, naming the variable but never echoing a secret', () => {
        const secret = 'zz'.repeat(32);
        try {
            loadConfig({ PORT: '70000', BACKEND_SIGNING_KEY: secret, LOG_LEVEL: 'loud', SESSION_TTL_SECONDS: '5' });
            throw new Error('expected a ConfigError');
        } catch (err) {
            expect(err).toBeInstanceOf(ConfigError);
            const problems = (err as ConfigError).problems.join('\n');
            expect(problems).toMatch(/PORT/);
            expect(problems).toMatch(/BACKEND_SIGNING_KEY/);
            expect(problems).toMatch(/LOG_LEVEL/);
            expect(problems).toMatch(/SESSION_TTL_SECONDS/);
            expect(problems).not.toContain(secret);
        }
    });

    it('takes PostgreSQL from DATABASE_URL, and refuses a malformed one or pool size without echoing the URL', () => {
        expect(loadConfig({}).databaseUrl).toBeUndefined();
        const url = 'postgres://gstd:s3cret@db.internal:5432/gstd';
        expect(loadConfig({ DATABASE_URL: url, DATABASE_POOL_SIZE: '4' })).toMatchObject({ databaseUrl: url, databasePoolSize: 4 });
        const leaky = 'mysql://gstd:s3cret@db.internal/gstd';
        try {
            loadConfig({ DATABASE_URL: leaky, DATABASE_POOL_SIZE: '0' });
            throw new Error('expected a ConfigError');
        } catch (err) {
            expect(err).toBeInstanceOf(ConfigError);
            const problems = (err as ConfigError).problems.join('\n');
            expect(problems).toMatch(/DATABASE_URL must be a postgres:\/\/ or postgresql:\/\/ URL/);
            expect(problems).toMatch(/DATABASE_POOL_SIZE/);
            expect(problems).not.toContain('s3cret');
        }
    });

    it('creates the signing key once, readable only by the service, and keeps it across restarts', () => {
        const dataDir = mkdtempSync(join(tmpdir(), 'gstd-config-'));
        const config = loadConfig({ GSTD_DATA_DIR: dataDir });
        const first = loadSecrets(config);
        const second = loadSecrets(config);
        expect(second.signingKey.publicKey.equals(first.signingKey.publicKey)).toBe(true);
        expect(statSync(join(dataDir, 'backend-signing-key')).mode & 0o777).toBe(0o600);
        expect(readFileSync(join(dataDir, 'backend-signing-key'), 'utf8').trim()).toMatch(/^[0-9a-f]{64}$/);
    });

    it('takes the signing key from the environment when given', () => {
        const config = loadConfig({ GSTD_DATA_DIR: mkdtempSync(join(tmpdir(), 'gstd-config-')), BACKEND_SIGNING_KEY: '07'.repeat(32) });
        expect(loadSecrets(config).signingKey.secretKey.subarray(0, 32).toString('hex')).toBe('07'.repeat(32));
    });

    describe('the chain', () => {
        const master = '0:' + '11'.repeat(32);
        const toncenter = { CHAIN: 'toncenter', TONCENTER_ENDPOINT: 'http://127.0.0.1:8081/api/v2/jsonRPC', ESCROW_MASTER_ADDRESS: master };

        function problemsOf(env: Record<string, string>): string {
            try {
                loadConfig(env);
            } catch (err) {
                return (err as ConfigError).problems.join('\n');
            }
            throw new Error('expected a ConfigError');
        }

        it('is left unset without CHAIN, for npm start to start a local devnet', () => {
            expect(loadConfig({}).chain).toBeUndefined();
        });

        it('is toncenter with CHAIN=toncenter, the global id left to the endpoint unless TON_NETWORK names one', () => {
            expect(loadConfig(toncenter).chain).toEqual({ endpoint: toncenter.TONCENTER_ENDPOINT, apiKey: undefined, master, network: undefined });
            expect(loadConfig({ ...toncenter, TON_NETWORK: 'testnet', TONCENTER_API_KEY: 'k' }).chain).toMatchObject({ network: 'testnet', apiKey: 'k' });
        });

        it('refuses CHAIN=sandbox, pointing at the devnet program', () => {
            expect(problemsOf({ CHAIN: 'sandbox' })).toMatch(/CHAIN must be toncenter or unset, got "sandbox": .*npm run devnet/);
        });

        it('refuses toncenter settings without CHAIN=toncenter rather than ignoring them', () => {
            expect(problemsOf({ TONCENTER_ENDPOINT: toncenter.TONCENTER_ENDPOINT, TON_NETWORK: 'testnet' })).toMatch(
                /TONCENTER_ENDPOINT, TON_NETWORK take effect only with CHAIN=toncenter/,
            );
        });

        it('names every bad toncenter setting', () => {
            const problems = problemsOf({ CHAIN: 'toncenter', TONCENTER_ENDPOINT: 'ftp://x', ESCROW_MASTER_ADDRESS: 'nope', TON_NETWORK: 'devnet' });
            expect(problems).toMatch(/TONCENTER_ENDPOINT must be an http\(s\) URL/);
            expect(problems).toMatch(/ESCROW_MASTER_ADDRESS must be the address/);
            expect(problems).toMatch(/TON_NETWORK must be mainnet, testnet or unset/);
        });
    });
});
