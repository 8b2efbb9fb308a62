// The repository's Blueprint scripts, run through Blueprint's own provider against the devnet over HTTP: what
// `npx blueprint run <script> --custom <url>/api/v2/jsonRPC --custom-version v2 --custom-type custom --mnemonic`
// does against a local chain.
import { Address, toNano } from '@ton/core';
import { keyPairFromSeed, mnemonicNew } from '@ton/crypto';
import { Blockchain } from '@ton/sandbox';
import { EscrowMaster } from '../../../build/EscrowMaster/EscrowMaster_EscrowMaster';
import { ChainAdapter } from '../../../backend/src/chain/chain';
import { sandboxGlobalId } from '../../../backend/src/chain/sandboxChain';
import { tonClientChain } from '../../../backend/src/chain/tonClientChain';
import * as acceptOwnership from '../../../scripts/acceptOwnership';
import * as closeTask from '../../../scripts/closeTask';
import * as deployEscrowMaster from '../../../scripts/deployEscrowMaster';
import * as fundTask from '../../../scripts/fundTask';
import * as proposeOwner from '../../../scripts/proposeOwner';
import * as setFee from '../../../scripts/setFee';
import { blueprintOverDevnet } from './blueprintProvider';
import { ServedDevnet, serveDevnet } from './devnetFixture';
import { fundFromFaucet } from './devnetHttp';

const backendKeyHex = keyPairFromSeed(Buffer.alloc(32, 5)).publicKey.toString('hex');
const backendKey = BigInt('0x' + backendKeyHex);
const nowSeconds = () => Math.floor(Date.now() / 1000);

describe('Blueprint scripts against the devnet', () => {
    let devnet: ServedDevnet;

    beforeEach(async () => {
        devnet = await serveDevnet(await Blockchain.create());
    });

    afterEach(async () => {
        await devnet.close();
    });

    /** Blueprint's provider over a fresh mnemonic wallet the faucet has funded. */
    async function operator(version: 'v4r2' | 'v5r1') {
        const { provider, ui } = await blueprintOverDevnet(devnet.endpoint, { mnemonic: await mnemonicNew(), version });
        const address = provider.sender().address!;
        await fundFromFaucet(devnet.url, address.toString({ bounceable: false }), toNano('20'));
        return { provider, ui, address };
    }

    function chainOf(master: Address): ChainAdapter {
        return tonClientChain({ endpoint: devnet.endpoint, master, globalId: sandboxGlobalId(devnet.blockchain) });
    }

    /** Runs deployEscrowMaster as `owner` with the owner as treasury; returns where the master is. */
    async function deployMaster(owner: Awaited<ReturnType<typeof operator>>) {
        await deployEscrowMaster.run(owner.provider, [owner.address.toString(), backendKeyHex, '250']);
        const expected = await EscrowMaster.fromInit(owner.address, null, owner.address, backendKey, 250n, false);
        expect(await devnet.client.isContractDeployed(expected.address)).toBe(true);
        return expected.address;
    }

    it('deploys a master, funds a task, sets the fee and closes the task after its deadline', async () => {
        const owner = await operator('v4r2');
        const master = await deployMaster(owner);
        const chain = chainOf(master);
        expect(await chain.masterConfig()).toMatchObject({ feeBps: 250n, stopped: false, backendKey });
        expect((await chain.masterConfig()).owner.equals(owner.address)).toBe(true);
        expect(owner.ui.text()).toContain('Contract deployed at address');

        const deadline = nowSeconds() + 4;
        await fundTask.run(owner.provider, [master.toString(), '5', '1.5', '2', String(deadline)]);
        const escrow = await chain.escrowAddress(5n);
        expect(await chain.escrowState(escrow)).toMatchObject({
            taskId: 5n,
            budget: toNano('1.5'),
            maxResults: 2n,
            deadline: BigInt(deadline),
        });
        expect(owner.ui.text()).toContain('Task 5 funded');

        await setFee.run(owner.provider, [master.toString(), '300']);
        expect((await chain.masterConfig()).feeBps).toBe(300n);
        expect(owner.ui.text()).toContain('SetFee applied');

        await waitUntilAfter(deadline);
        await closeTask.run(owner.provider, [master.toString(), '5']);
        expect(await chain.escrowState(escrow)).toBeNull();
        expect(owner.ui.text()).toContain('Task 5 closed');
    });

    it('hands the master over to a v5r1 wallet with proposeOwner and acceptOwnership', async () => {
        const owner = await operator('v4r2');
        const successor = await operator('v5r1');
        const master = await deployMaster(owner);

        await proposeOwner.run(owner.provider, [master.toString(), successor.address.toString()]);
        await acceptOwnership.run(successor.provider, [master.toString()]);

        expect((await chainOf(master).masterConfig()).owner.equals(successor.address)).toBe(true);
        expect(successor.ui.text()).toContain('AcceptOwnership applied');
    });
});

/** Waits until the devnet clock (the wall clock) has passed `deadline`, in unix seconds. */
async function waitUntilAfter(deadline: number): Promise<void> {
    const wait = (deadline + 1) * 1000 - Date.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
}
