// With several nodes on one PostgreSQL, one node watches the chain at a time, and another takes over when it stops.
import { serviceFixture, ServiceFixture } from '../service/serviceFixture';
import { freshPostgresDatabase, stopTestPostgres } from '../../helpers/testStore';

describe('the chain watch on two nodes', () => {
    let f: ServiceFixture;
    afterAll(async () => {
        await f?.close();
        await stopTestPostgres();
    }, 60_000);

    it('runs on one node only, and moves to the other when that node stops', async () => {
        f = await serviceFixture({ DATABASE_URL: await freshPostgresDatabase(), CHAIN_POLL_INTERVAL_MS: '100' });
        const b = await f.anotherNode();
        const rounds = { a: 0, b: 0 };
        f.ctx.events.on('chainWatched', () => rounds.a++);
        b.ctx.events.on('chainWatched', () => rounds.b++);
        await waitUntil(() => rounds.a + rounds.b >= 10);
        // The fixture's node started first and took the lock; the other never ran a round.
        expect(rounds).toEqual({ a: expect.any(Number), b: 0 });

        await f.close();
        const before = rounds.b;
        // The lock is released with the node's connection; the other node tries every 2 s and takes it.
        await waitUntil(() => rounds.b >= before + 5, 15_000);
        await b.close();
        f = undefined as unknown as ServiceFixture;
    }, 60_000);
});

async function waitUntil(done: () => boolean, timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!done()) {
        if (Date.now() > deadline) throw new Error('timed out');
        await new Promise((resolve) => setTimeout(resolve, 50));
    }
}
