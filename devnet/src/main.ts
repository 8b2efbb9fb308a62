// `npm run devnet`: a local TON chain for development, served over toncenter's v2 API like testnet, with a faucet
// and an EscrowMaster for the given backend key. Kept in <data dir>/devnet.json; stops gracefully on SIGINT/SIGTERM.
import { mkdirSync } from 'fs';
import { AddressInfo } from 'net';
import { join } from 'path';
import { buildDevnet } from './devnet';
import { devnetSettings, DevnetUsageError } from './options';

async function main(): Promise<void> {
    const settings = devnetSettings(process.argv.slice(2), process.env);
    const stateFile = settings.inMemory ? undefined : join(settings.dataDir, 'devnet.json');
    if (stateFile) mkdirSync(settings.dataDir, { recursive: true });
    const { app, info, loaded } = await buildDevnet({
        backendPublicKey: settings.backendPublicKey,
        stateFile,
        logLevel: settings.logLevel,
        masterOwner: settings.masterOwner,
    });

    let closing = false;
    const shutdown = (signal: string) => {
        if (closing) return;
        closing = true;
        app.log.info({ signal }, 'devnet shutting down');
        app.close().then(
            () => process.exit(0),
            (err: unknown) => {
                app.log.error({ err }, 'devnet shutdown failed');
                process.exit(1);
            },
        );
    };
    process.on('SIGINT', () => shutdown('SIGINT'));
    process.on('SIGTERM', () => shutdown('SIGTERM'));

    await app.listen({ host: settings.host, port: settings.port });
    const { port } = app.server.address() as AddressInfo;
    const host = settings.host === '0.0.0.0' || settings.host === '::' ? '127.0.0.1' : settings.host;
    const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
    app.log.info(
        {
            url,
            toncenterApi: `${url}/api/v2/jsonRPC`,
            faucet: `${url}/devnet/faucet`,
            master: info.master,
            owner: info.owner,
            backendPublicKey: info.backend_public_key,
            globalId: info.global_id,
            stateFile: stateFile ?? 'none (in memory)',
            state: loaded ? 'loaded' : 'fresh',
        },
        'devnet ready',
    );
}

main().catch((err) => {
    // A usage error is the operator's to fix: print it plainly, without a stack trace.
    process.stderr.write(err instanceof DevnetUsageError ? `${err.message}\n` : `${err?.stack ?? err}\n`);
    process.exit(err instanceof DevnetUsageError ? 2 : 1);
});
