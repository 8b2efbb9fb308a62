// The yardstick for bench:cluster: a bare fastify route in a process of its own, as a node is, so the table shows
// what HTTP alone costs on this machine through the same load client. Listens on 127.0.0.1:$PORT.
import fastify from 'fastify';
import { YARDSTICK_PATH } from '../service/benchService';

async function main() {
    const app = fastify();
    app.get(YARDSTICK_PATH, async () => ({ ok: true }));
    await app.listen({ host: '127.0.0.1', port: Number(process.env.PORT) });
    process.once('SIGTERM', () => void app.close().then(() => process.exit(0)));
}

main().catch((err) => {
    console.error(err);
    process.exit(1);
});
