// GET /devnet/info names the chain: a fresh devnet has a genesis of its own (a restart from the file keeps it, as
// devnetProcess.spec shows), so a worker can tell a devnet restarted from scratch from one that lost it money.
import { buildDevnet } from '../../devnet/src/devnet';
import { DEVNET_GLOBAL_ID } from '../../devnet/devnetNetwork';

describe('the devnet info', () => {
    it("gives each fresh chain its own genesis, and reports the devnet's global id", async () => {
        const first = await buildDevnet({ backendPublicKey: Buffer.alloc(32, 9) });
        // A chain is dated to the second it began (its genesis is its first transaction): a devnet restarted from
        // scratch begins at least a second later.
        await new Promise((resolve) => setTimeout(resolve, 1000 - (Date.now() % 1000) + 10));
        const second = await buildDevnet({ backendPublicKey: Buffer.alloc(32, 9) });
        try {
            expect(first.info.genesis).toMatch(/^[0-9a-f]{64}$/);
            expect(second.info.genesis).not.toBe(first.info.genesis);
            expect(first.info.global_id).toBe(DEVNET_GLOBAL_ID);
            const served = await first.app.inject({ method: 'GET', url: '/devnet/info' });
            expect(served.json()).toMatchObject({ genesis: first.info.genesis, master: second.info.master });
        } finally {
            await Promise.all([first.app.close(), second.app.close()]);
        }
    });
});
