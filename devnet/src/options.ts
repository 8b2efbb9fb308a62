// The devnet's settings, from flags or environment variables (a flag wins), validated once at start.
import { resolve } from 'path';
import { parseArgs } from 'util';
import { Address } from '@ton/core';

export interface DevnetSettings {
    host: string;
    port: number;
    /** Where devnet.json, the chain, is kept. */
    dataDir: string;
    /** The key the EscrowMaster is deployed with: the service's backend public key. */
    backendPublicKey: Buffer;
    logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
    /** The master's owner and treasury; the devnet's own wallet when absent. */
    masterOwner?: Address;
    /**
     * Keep the chain in memory only: nothing loaded, nothing saved. For tests and benchmarks that throw the chain away,
     * where saving the whole chain after every change would cost more CPU than the chain itself.
     */
    inMemory: boolean;
}

export const DEVNET_USAGE = `usage: npm run devnet -- --backend-public-key <64 hex> [--host 127.0.0.1] [--port 8081] [--data-dir data/devnet] [--log-level info] [--master-owner <address>] [--in-memory]
  or the environment: DEVNET_BACKEND_PUBLIC_KEY, DEVNET_HOST, DEVNET_PORT, DEVNET_DATA_DIR, DEVNET_LOG_LEVEL, DEVNET_MASTER_OWNER`;

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

export class DevnetUsageError extends Error {
    constructor(readonly problems: string[]) {
        super(`${problems.join('\n')}\n${DEVNET_USAGE}`);
        this.name = 'DevnetUsageError';
    }
}

export function devnetSettings(argv: string[], env: Record<string, string | undefined>): DevnetSettings {
    let values: Partial<Record<'host' | 'port' | 'data-dir' | 'backend-public-key' | 'log-level' | 'master-owner', string>> & {
        'in-memory'?: boolean;
    };
    try {
        ({ values } = parseArgs({
            args: argv,
            options: {
                host: { type: 'string' },
                port: { type: 'string' },
                'data-dir': { type: 'string' },
                'backend-public-key': { type: 'string' },
                'log-level': { type: 'string' },
                'master-owner': { type: 'string' },
                'in-memory': { type: 'boolean' },
            },
            strict: true,
            allowPositionals: false,
        }));
    } catch (err) {
        throw new DevnetUsageError([(err as Error).message]);
    }
    const problems: string[] = [];
    const host = values.host ?? env.DEVNET_HOST ?? '127.0.0.1';
    const portText = values.port ?? env.DEVNET_PORT ?? '8081';
    if (!/^\d{1,5}$/.test(portText) || Number(portText) > 65535) problems.push(`port must be 0 to 65535, got "${portText}"`);
    const keyHex = values['backend-public-key'] ?? env.DEVNET_BACKEND_PUBLIC_KEY ?? '';
    if (!/^[0-9a-fA-F]{64}$/.test(keyHex)) problems.push('the backend public key must be 64 hex characters (32 bytes)');
    else if (/^0+$/.test(keyHex)) problems.push('the backend public key must not be zero');
    const logLevel = (values['log-level'] ?? env.DEVNET_LOG_LEVEL ?? 'info') as DevnetSettings['logLevel'];
    if (!LOG_LEVELS.includes(logLevel)) problems.push(`log level must be one of ${LOG_LEVELS.join(', ')}, got "${logLevel}"`);
    const masterOwner = basechainAddress(values['master-owner'] ?? env.DEVNET_MASTER_OWNER, problems);
    if (problems.length > 0) throw new DevnetUsageError(problems);
    return {
        host,
        port: Number(portText),
        dataDir: resolve(values['data-dir'] ?? env.DEVNET_DATA_DIR ?? 'data/devnet'),
        backendPublicKey: Buffer.from(keyHex, 'hex'),
        logLevel,
        masterOwner,
        inMemory: values['in-memory'] === true,
    };
}

/** The owner is the treasury too, and the master sends fees only to basechain. */
function basechainAddress(text: string | undefined, problems: string[]): Address | undefined {
    if (text === undefined || text === '') return undefined;
    let address: Address;
    try {
        address = Address.parse(text);
    } catch {
        problems.push(`the master owner must be a TON address, got "${text}"`);
        return undefined;
    }
    if (address.workChain !== 0) problems.push('the master owner must be a basechain (workchain 0) address');
    return address;
}
