// gstd_websocket_connections follows the devices connected to this node: up on connect, down on disconnect.
import { waitUntil } from '../queue/waitUntil';
import { realtimeFixture, RealtimeFixture } from '../realtime/realtimeFixture';
import { workers } from '../service/serviceSteps';
import { scrape, valueOf } from './scrape';

describe('metrics: WebSocket connections', () => {
    let f: RealtimeFixture;
    afterEach(async () => f.close());

    const connections = async () => valueOf(await scrape(f), 'gstd_websocket_connections');

    it('go up as devices connect and down as they leave', async () => {
        f = await realtimeFixture();
        const [a, b] = await workers(f, ['alice', 'bob']);
        expect(await connections()).toBe(0);
        const first = await f.connect(a);
        expect(await connections()).toBe(1);
        const second = await f.connect(b);
        expect(await connections()).toBe(2);

        first.close();
        await waitUntil(async () => (await connections()) === 1, 'the first device is gone');
        second.close();
        await waitUntil(async () => (await connections()) === 0, 'both devices are gone');
    });

    it('a device connecting again replaces its socket and counts once', async () => {
        f = await realtimeFixture();
        const [a] = await workers(f, ['alice']);
        const first = await f.connect(a);
        await f.connect(a);
        await first.waitClosed();
        expect(await connections()).toBe(1);
    });
});
