// The service listening on a real port, so real WebSocket clients connect to it.
import { AddressInfo } from 'net';
import { serviceFixture } from '../service/serviceFixture';
import { TestClient } from './wsClient';

export async function realtimeFixture(env: Record<string, string> = {}) {
    const f = await serviceFixture(env);
    await f.app.listen({ host: '127.0.0.1', port: 0 });
    const { port } = f.app.server.address() as AddressInfo;
    const clients: TestClient[] = [];

    /** Connects a worker's device to /ws with its session token in the Authorization header. */
    async function connect(w: { token: string; deviceId: string }): Promise<TestClient> {
        const client = await TestClient.connect(`ws://127.0.0.1:${port}/ws?device_id=${w.deviceId}`, { authorization: `Bearer ${w.token}` });
        clients.push(client);
        return client;
    }

    async function close(): Promise<void> {
        for (const c of clients) c.close();
        await f.close();
    }

    return { ...f, port, url: `ws://127.0.0.1:${port}/ws`, connect, close };
}

export type RealtimeFixture = Awaited<ReturnType<typeof realtimeFixture>>;
