// The repository's Blueprint scripts, run through Blueprint's own provider against the devnet over HTTP: what
// `npx blueprint run <script> --custom <url>/api/v2/jsonRPC --custom-version v2 --custom-type custom --mnemonic`
// does against a local chain.
import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { Address, toNano } from '@ton/core';
import { keyPairFromSeed, mnemonicNew } from '@ton/crypto';
import { EscrowMaster } from '../../build/EscrowMaster/EscrowMaster_EscrowMaster';
import { ChainAdapter } from '../../backend/src/chain/chain';
import { sandboxGlobalId } from '../../devnet/src/networkConfig';
import { tonClientChain } from '../../backend/src/chain/tonClientChain';
import { buildClaimComment, claimCommentPayload, signIntent } from '../../wrappers/claimEncoding';
import * as acceptOwnership from '../../scripts/acceptOwnership';
import * as claimReward from '../../scripts/claimReward';
import * as closeTask from '../../scripts/closeTask';
import * as deployEscrowMaster from '../../scripts/deployEscrowMaster';
import * as fundTask from '../../scripts/fundTask';
import * as proposeOwner from '../../scripts/proposeOwner';
import * as setBackendKey from '../../scripts/setBackendKey';
import * as setFee from '../../scripts/setFee';
import * as setStopped from '../../scripts/setStopped';
import * as setTreasury from '../../scripts/setTreasury';
import { blueprintOverDevnet, CliRun, runBlueprintCli } from './blueprintProvider';
import { ServedDevnet, serveDevnet } from './devnetFixture';
import { fundFromFaucet } from './devnetHttp';
import { localWallet } from './localWallet';

const backendPair = keyPairFromSeed(Buffer.alloc(32, 5));
const backendKeyHex = backendPair.publicKey.toString('hex');
const backendKey = BigInt('0x' + backendKeyHex);
const nowSeconds = () => Math.floor(Date.now() / 1000);

describe('Blueprint scripts against the devnet', () => {
    let devnet: ServedDevnet;

    beforeEach(async () => {
        devnet = await serveDevnet();
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
        expect(owner.ui.text()).toContain(`EscrowMaster deployed at ${master.toString()}.`);

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

    it('a v5r1 worker claims its reward with claimReward from a saved intent file', async () => {
        const owner = await operator('v4r2');
        const worker = await operator('v5r1');
        const master = await deployMaster(owner);
        const chain = chainOf(master);
        await fundTask.run(owner.provider, [master.toString(), '9', '2', '2', String(nowSeconds() + 600)]);
        const escrow = await chain.escrowState(await chain.escrowAddress(9n));

        // What the service hands the worker for a 1 TON payout, signed with the key the escrow was funded with.
        const intent = {
            globalId: chain.globalId,
            escrow: escrow!.address,
            fundingId: escrow!.fundingId,
            executor: worker.address,
            taskId: 9n,
            amount: toNano('1'),
            validUntil: nowSeconds() + 600,
        };
        const comment = buildClaimComment({ ...intent, signature: signIntent(intent, backendPair.secretKey) });
        const file = saveJson({
            to_address: escrow!.address.toString(),
            amount: toNano('0.05').toString(),
            payload_comment: comment,
            payload: claimCommentPayload(comment),
            executor: worker.address.toString(),
        });
        const balanceBefore = await devnet.client.getBalance(worker.address);

        await claimReward.run(worker.provider, [file]);

        const fee = (toNano('1') * 250n) / 10_000n;
        expect(await chain.escrowState(escrow!.address)).toMatchObject({
            slotsUsed: 1n,
            remaining: toNano('2') - toNano('1'),
            feesAccrued: fee,
        });
        const [claim] = await chain.claimsOf(escrow!.address);
        expect(claim).toMatchObject({ amount: toNano('1') });
        expect(claim.executor.equals(worker.address)).toBe(true);
        // The worker nets its share less what its wallet and the claim spent on gas (well under the 0.05 attached).
        const gained = (await devnet.client.getBalance(worker.address)) - balanceBefore;
        expect(gained).toBeLessThanOrEqual(toNano('1') - fee);
        expect(gained).toBeGreaterThan(toNano('1') - fee - toNano('0.05'));
        expect(worker.ui.text()).toMatch(/Claim paid: you received 1\.0\d+ TON \(\d+ nanotons\) \(your share plus the unused gas\)/);

        // The same file again is refused before sending, naming the escrow's rule, and pays nothing.
        await expect(claimReward.run(worker.provider, [file])).rejects.toThrow(/\(ERR_ALREADY_CLAIMED\); nothing was sent/);
        expect(await chain.escrowState(escrow!.address)).toMatchObject({ slotsUsed: 1n, feesAccrued: fee });
    });

    it('rotates the backend key and treasury and stops and resumes funding; escrows snapshot what was current', async () => {
        const owner = await operator('v4r2');
        const master = await deployMaster(owner);
        const chain = chainOf(master);
        const deadline = String(nowSeconds() + 600);
        await fundTask.run(owner.provider, [master.toString(), '1', '1', '1', deadline]);

        const newKey = keyPairFromSeed(Buffer.alloc(32, 6)).publicKey.toString('hex');
        const newTreasury = (await operator('v5r1')).address;
        await setBackendKey.run(owner.provider, [master.toString(), newKey]);
        await setTreasury.run(owner.provider, [master.toString(), newTreasury.toString()]);
        const config = await chain.masterConfig();
        expect(config.backendKey).toBe(BigInt('0x' + newKey));
        expect(config.treasury.equals(newTreasury)).toBe(true);
        expect(owner.ui.text()).toContain('SetBackendKey applied');
        expect(owner.ui.text()).toContain('SetTreasury applied');

        await setStopped.run(owner.provider, [master.toString(), 'stop']);
        expect((await chain.masterConfig()).stopped).toBe(true);
        const refused = fundTask.run(owner.provider, [master.toString(), '2', '1', '1', deadline]);
        await expect(refused).rejects.toThrow('(ERR_FUNDING_STOPPED); nothing was sent');
        expect(await chain.escrowState(await chain.escrowAddress(2n))).toBeNull();

        await setStopped.run(owner.provider, [master.toString(), 'resume']);
        expect((await chain.masterConfig()).stopped).toBe(false);
        await fundTask.run(owner.provider, [master.toString(), '2', '1', '1', deadline]);

        const before = await chain.escrowState(await chain.escrowAddress(1n));
        const after = await chain.escrowState(await chain.escrowAddress(2n));
        expect(before!.backendKey).toBe(backendKey);
        expect(before!.treasury.equals(owner.address)).toBe(true);
        expect(after!.backendKey).toBe(BigInt('0x' + newKey));
        expect(after!.treasury.equals(newTreasury)).toBe(true);
    });

    describe('through `npx blueprint run` itself', () => {
        /** The whole of stderr is the one line `error: …`, with no stack, and the command failed. */
        function expectOneLineFailure(run: CliRun, line: RegExp) {
            expect(run.code).toBe(1);
            expect(run.stderr.endsWith('\n')).toBe(true);
            expect(run.stderr.trimEnd()).not.toContain('\n');
            expect(run.stderr).not.toMatch(/\bat /);
            expect(run.stderr.trimEnd()).toMatch(line);
        }

        it('deploys without an explorer link, then refuses a wallet as the master and a past deadline, in one line each', async () => {
            const { address, mnemonic } = await localWallet(devnet.client, 'v4r2');
            await fundFromFaucet(devnet.url, address.toString({ bounceable: false }), toNano('20'));
            const wallet = { mnemonic: mnemonic.join(' '), version: 'v4r2' as const };

            const deployed = await runBlueprintCli(devnet.endpoint, wallet, 'deployEscrowMaster', [address.toString(), backendKeyHex, '250']);
            const master = (await EscrowMaster.fromInit(address, null, address, backendKey, 250n, false)).address;
            expect(deployed.code).toBe(0);
            expect(deployed.stdout).toContain(`EscrowMaster deployed at ${master.toString()}.`);
            // Blueprint's waitForDeploy would add a public explorer's link to a master that exists only here.
            expect(deployed.stdout).not.toMatch(/https?:\/\/|tonscan|tonviewer/);
            expect(deployed.stderr).toBe('');

            const balance = await devnet.client.getBalance(address);
            const asMaster = await runBlueprintCli(devnet.endpoint, wallet, 'fundTask', [address.toString(), '1', '1', '1', String(nowSeconds() + 600)]);
            expectOneLineFailure(asMaster, /^error: \S+ is a wallet \(v4r2\), not an EscrowMaster; nothing was sent$/);

            const past = await runBlueprintCli(devnet.endpoint, wallet, 'fundTask', [master.toString(), '1', '1', '1', String(nowSeconds() - 60)]);
            expectOneLineFailure(past, /^error: the deadline \d+ \(.*\) has passed \(ERR_DEADLINE_PAST\); nothing was sent$/);
            expect(await devnet.client.getBalance(address)).toBe(balance);
        });

        it('a mnemonic with a wrong word opens an empty wallet, and the refusal names the word in one line', async () => {
            const words = await mnemonicNew();
            words[9] = 'notaword';
            const run = await runBlueprintCli(devnet.endpoint, { mnemonic: words.join(' '), version: 'v5r1' }, 'setFee', [
                devnet.master.toString(),
                '300',
            ]);
            expectOneLineFailure(
                run,
                /^error: the sending wallet \S+ does not exist on this network \(no balance\): WALLET_MNEMONIC is mistyped \(word 10, "notaword", is not in the TON word list\); nothing was sent$/,
            );
            expect((await chainOf(devnet.master).masterConfig()).feeBps).toBe(BigInt(devnet.info.fee_bps));
        });
    });
});

const intentDir = mkdtempSync(join(tmpdir(), 'gstd-intents-'));
afterAll(() => rmSync(intentDir, { recursive: true, force: true }));

/** Writes an intent file the way a worker saves what the service returned. */
function saveJson(content: unknown): string {
    const path = join(intentDir, `intent-${Math.random().toString(36).slice(2)}.json`);
    writeFileSync(path, JSON.stringify(content, null, 2));
    return path;
}

/** Waits until the devnet clock (the wall clock) has passed `deadline`, in unix seconds. */
async function waitUntilAfter(deadline: number): Promise<void> {
    const wait = (deadline + 1) * 1000 - Date.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
}
