// The service with a chain of the test's choosing and its log captured: for the HTTP edge's own behaviour (request
// ids, the access log, readiness, the API description), which needs no funded escrow.
import { mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { Writable } from 'stream';
import { Address } from '@ton/core';
import { buildService, ServiceApp } from '../../../backend/src/app';
import { ChainAdapter } from '../../../backend/src/chain/chain';
import { loadConfig, ServiceConfig } from '../../../backend/src/config';
import { loadSecrets } from '../../../backend/src/secrets';

/** A chain whose every read fails, as an unreachable endpoint's would. */
export const unreachableChain: ChainAdapter = {
    globalId: -3,
    masterAddress: new Address(0, Buffer.alloc(32, 1)),
    masterConfig: () => Promise.reject(new Error('connect ECONNREFUSED 10.0.0.1:443')),
    escrowAddress: () => Promise.reject(new Error('connect ECONNREFUSED 10.0.0.1:443')),
    escrowState: () => Promise.reject(new Error('connect ECONNREFUSED 10.0.0.1:443')),
    claimsOf: () => Promise.reject(new Error('connect ECONNREFUSED 10.0.0.1:443')),
};

export interface CapturedService extends ServiceApp {
    config: ServiceConfig;
    /** Every log line so far, parsed. */
    logLines(): Array<Record<string, unknown>>;
}

export async function httpService(options: { chain?: ChainAdapter; env?: Record<string, string>; webDir?: string } = {}): Promise<CapturedService> {
    const config = loadConfig({
        GSTD_DATA_DIR: mkdtempSync(join(tmpdir(), 'gstd-http-')),
        LOG_LEVEL: 'info',
        LOG_FORMAT: 'json',
        SWEEP_INTERVAL_MS: '0',
        CHAIN_POLL_INTERVAL_MS: '0',
        ...options.env,
    });
    const lines: string[] = [];
    const service = await buildService({
        config,
        secrets: loadSecrets(config),
        chain: options.chain ?? unreachableChain,
        webDir: options.webDir,
        logDestination: linesTo(lines),
    });
    return { ...service, config, logLines: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>) };
}

/** A stream that keeps each write (one log line) in `lines`. */
export function linesTo(lines: string[]): Writable {
    return new Writable({
        write(chunk: Buffer, _encoding, done) {
            lines.push(chunk.toString());
            done();
        },
    });
}
