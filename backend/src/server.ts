// `npm start`: load the configuration, build the app, listen, and shut down gracefully on SIGINT/SIGTERM.
import { buildApp } from './app';
import { ConfigError, loadConfig } from './config';
import { loadSecrets } from './secrets';

async function main(): Promise<void> {
    const config = loadConfig(process.env);
    const secrets = loadSecrets(config);
    const app = await buildApp({ config, secrets });
    app.log.info({ backendPublicKey: secrets.signingKey.publicKey.toString('hex') }, 'intent signing key loaded');

    let closing = false;
    const shutdown = (signal: string) => {
        if (closing) return;
        closing = true;
        app.log.info({ signal }, 'shutting down');
        app.close().then(
            () => process.exit(0),
            (err) => {
                app.log.error({ err }, 'shutdown failed');
                process.exit(1);
            },
        );
    };
    process.on('SIGINT', () => shutdown('SIGINT'));
    process.on('SIGTERM', () => shutdown('SIGTERM'));

    await app.listen({ host: config.host, port: config.port });
}

main().catch((err) => {
    // A configuration error is the operator's to fix: print it plainly, without a stack trace.
    process.stderr.write(err instanceof ConfigError ? `${err.message}\n` : `${err?.stack ?? err}\n`);
    process.exit(1);
});
