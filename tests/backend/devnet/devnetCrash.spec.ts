// `npm start`'s devnet survives a crash as the store does: the service is SIGKILLed right after the devnet
// acknowledged a faucet grant and a wallet transfer, and the restarted service on the same data directory still
// has both.
import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { internal, toNano } from '@ton/core';
import { TonClient } from '@ton/ton';
import { stopChild } from '../../../demo/childProcesses';
import { faucet, RunningService, startService } from '../../../demo/service';
import { localWallet } from './localWallet';

const START_TIMEOUT_MS = 120_000;

describe('the devnet after a SIGKILL', () => {
    let dataDir: string;
    let running: RunningService | undefined;

    beforeEach(() => {
        dataDir = mkdtempSync(join(tmpdir(), 'gstd-devnet-crash-'));
    });

    afterEach(async () => {
        if (running) await stopChild(running.child, 5_000);
        running = undefined;
        rmSync(dataDir, { recursive: true, force: true });
    });

    async function killed(service: RunningService): Promise<void> {
        const gone = new Promise<void>((resolve) => service.child.once('exit', () => resolve()));
        service.child.kill('SIGKILL');
        await gone;
    }

    it(
        'keeps every change it acknowledged',
        async () => {
            running = await startService(dataDir);
            const first = new TonClient({ endpoint: running.tonEndpoint });
            const sender = await localWallet(first, 'v4r2');
            const receiver = await localWallet(first, 'v5r1');
            await faucet(running, sender.address, toNano('5'));
            await sender.transfer([internal({ to: receiver.address, value: toNano('2'), bounce: false })]);
            // Acknowledged: kill at once, with no clean shutdown to save anything.
            await killed(running);

            running = await startService(dataDir);
            const again = new TonClient({ endpoint: running.tonEndpoint });
            expect(await again.getBalance(receiver.address)).toBe(toNano('2'));
            const reopened = await localWallet(again, 'v4r2', sender.mnemonic);
            expect(await reopened.contract.getSeqno()).toBe(1);
            expect(await again.getBalance(sender.address)).toBeLessThan(toNano('3'));
        },
        START_TIMEOUT_MS * 2,
    );
});
