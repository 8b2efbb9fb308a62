// Secrets the service needs: taken from the configuration, or read from / created in a file only the service
// user can read, so one machine runs with no configuration and keeps its keys across restarts.
import { randomBytes } from 'crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'fs';
import { dirname } from 'path';
import { KeyPair, keyPairFromSeed } from '@ton/crypto';
import { ServiceConfig } from './config';

function hexFromFileOrNew(path: string, bytes: number): string {
    if (existsSync(path)) {
        const text = readFileSync(path, 'utf8').trim();
        if (!/^[0-9a-f]+$/i.test(text) || text.length < bytes * 2) throw new Error(`${path} does not hold ${bytes} bytes of hex`);
        return text.toLowerCase();
    }
    mkdirSync(dirname(path), { recursive: true });
    const fresh = randomBytes(bytes).toString('hex');
    writeFileSync(path, fresh + '\n', { mode: 0o600, flag: 'wx' });
    return fresh;
}

export interface ServiceSecrets {
    /** Signs payout intents; its public key is the escrow master's backend key. */
    signingKey: KeyPair;
    sessionSecret: Uint8Array;
}

export function loadSecrets(config: ServiceConfig): ServiceSecrets {
    const seed = config.signingKeyHex ?? hexFromFileOrNew(config.signingKeyFile, 32);
    const session = config.sessionSecretHex ?? hexFromFileOrNew(config.sessionSecretFile, 32);
    return {
        signingKey: keyPairFromSeed(Buffer.from(seed.slice(0, 64), 'hex')),
        sessionSecret: Buffer.from(session, 'hex'),
    };
}
