// Every refusal the scripts make before sending: each one names the rule in one line (as Blueprint prints it), and
// the wallet sent nothing — no send, no transaction of its own, the same balance.
import '@ton/test-utils';
import { inspect } from 'util';
import { Address, toNano } from '@ton/core';
import { keyPairFromSeed } from '@ton/crypto';
import { SandboxContract, TreasuryContract } from '@ton/sandbox';
import { WalletContractV4 } from '@ton/ton';
import { MAX_TASK_DURATION } from '../../build/EscrowMaster/EscrowMaster_EscrowMaster';
import { TaskEscrow } from '../../build/TaskEscrow/TaskEscrow_TaskEscrow';
import { unfundedEscrowInit } from '../../wrappers/taskEscrowInit';
import { buildClaimComment, MAINNET_GLOBAL_ID, signIntent } from '../../wrappers/claimEncoding';
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
import { PreflightRefusal } from '../../scriptSupport/scriptError';
import { UsageError } from '../../scriptSupport/usage';
import { FixtureOptions, HOUR, T0 } from '../helpers/escrowFixture';
import { SandboxNetworkProvider } from '../helpers/sandboxProvider';
import { isActive } from '../helpers/valueFlow';
import { DEADLINE, ScriptFixture, scriptFixture } from './scriptFixture';

type Script = { run: (provider: SandboxNetworkProvider, args: string[]) => Promise<void> };

const backendKeyHex = keyPairFromSeed(Buffer.alloc(32, 9)).publicKey.toString('hex');

describe('Scripts refuse before sending', () => {
    let s: ScriptFixture;
    let master: string;

    beforeEach(async () => {
        s = await scriptFixture();
        master = s.master;
    });

    afterEach(() => s.cleanup());

    async function walletState(address: Address) {
        const state = await s.f.blockchain.provider(address).getState();
        return { balance: state.balance, lastLt: state.last?.lt ?? null };
    }

    /** Runs `script`, expects a refusal matching `message`, printed as one line, and nothing sent from the wallet. */
    async function expectRefused(
        script: Script,
        provider: SandboxNetworkProvider,
        args: string[],
        message: RegExp,
        kind: typeof PreflightRefusal | typeof UsageError = PreflightRefusal,
    ) {
        const wallet = provider.sender().address;
        const before = await walletState(wallet);

        const error = await script.run(provider, args).then(
            () => null,
            (e: unknown) => e,
        );

        expect(error).toBeInstanceOf(kind);
        expect((error as Error).message).toMatch(message);
        // Blueprint prints a failed script's error with console.error, that is through util.inspect.
        expect(inspect(error)).toBe(`error: ${(error as Error).message}`);
        expect(inspect(error)).not.toContain('\n');
        expect(provider.sender().lastSendResult).toBeUndefined();
        expect(provider.transactions).toHaveLength(0);
        expect(await walletState(wallet)).toEqual(before);
    }

    /** A standard v4r2 wallet, deployed: what a user may paste where a contract address belongs. */
    async function v4Wallet() {
        const wallet = WalletContractV4.create({ workchain: 0, publicKey: keyPairFromSeed(Buffer.alloc(32, 3)).publicKey });
        await s.f.stranger.send({ to: wallet.address, value: toNano('1'), init: wallet.init });
        expect(await isActive(s.f.blockchain, wallet.address)).toBe(true);
        return wallet.address.toString();
    }

    /** An escrow someone deployed from its StateInit without funding it (task 77). */
    async function unfundedEscrow(): Promise<SandboxContract<TaskEscrow>> {
        const escrow = s.f.blockchain.openContract(await unfundedEscrowInit(s.f.master.address, 77n));
        await s.f.stranger.send({ to: escrow.address, value: toNano('0.1'), init: escrow.init });
        expect(await isActive(s.f.blockchain, escrow.address)).toBe(true);
        return escrow;
    }

    const poorWallet = (tons: string) => s.f.blockchain.treasury('poor', { balance: toNano(tons) });
    /** A wallet with no account at all: the one a mistyped mnemonic opens. */
    const missingWallet = () => s.f.blockchain.treasury('nobody', { predeploy: false, resetBalanceIfZero: false });

    describe('fundTask', () => {
        const fundArgs = (deadline: number | bigint, task = '42') => [master, task, '3', '3', String(deadline)];

        it('refuses a deadline that has passed or is now (ERR_DEADLINE_PAST)', async () => {
            const past = /the deadline \d+ \(.*, 60 s ago\) has passed \(ERR_DEADLINE_PAST\); nothing was sent/;
            await expectRefused(fundTask, s.as(s.f.requester), fundArgs(T0 - 60), past);
            await expectRefused(fundTask, s.as(s.f.requester), fundArgs(T0), /has passed \(ERR_DEADLINE_PAST\)/);
        });

        it('a deadline one second ahead is funded', async () => {
            await fundTask.run(s.as(s.f.requester), fundArgs(T0 + 1));
            expect(await isActive(s.f.blockchain, await s.f.master.getEscrowAddress(42n))).toBe(true);
        });

        it('refuses a deadline more than MAX_TASK_DURATION away, and funds one exactly that far', async () => {
            const tooFar = BigInt(T0) + MAX_TASK_DURATION + 1n;
            await expectRefused(fundTask, s.as(s.f.requester), fundArgs(tooFar), /more than 31622400 s .* \(ERR_DEADLINE_TOO_FAR\)/);
            await fundTask.run(s.as(s.f.requester), fundArgs(BigInt(T0) + MAX_TASK_DURATION));
        });

        it('refuses while the master has stopped funding (ERR_FUNDING_STOPPED)', async () => {
            await setStopped.run(s.as(s.f.owner), [master, 'stop']);
            await expectRefused(fundTask, s.as(s.f.requester), fundArgs(DEADLINE), /stopped new funding \(ERR_FUNDING_STOPPED\)/);
        });

        it('refuses a task that already has a funded escrow', async () => {
            await s.funded();
            await expectRefused(
                fundTask,
                s.as(s.f.stranger),
                fundArgs(DEADLINE),
                /task 42 already has a funded escrow at .*; a second funding would only be returned/,
            );
        });

        it('refuses a wallet, an escrow, another contract or an empty address given as the master', async () => {
            const escrow = (await s.funded()).address.toString();
            const cases: [string, RegExp][] = [
                [await v4Wallet(), /is a wallet \(v4r2\), not an EscrowMaster; nothing was sent/],
                [escrow, /is a TaskEscrow, not an EscrowMaster/],
                [s.f.treasury.address.toString(), /is another contract, not an EscrowMaster/],
                [new Address(0, Buffer.alloc(32, 1)).toString(), /no contract is deployed at .*: is this the EscrowMaster address\?/],
            ];
            for (const [notMaster, message] of cases) {
                await expectRefused(fundTask, s.as(s.f.requester), [notMaster, '43', '3', '3', String(DEADLINE)], message);
            }
        });

        it('refuses a wallet off the basechain (ERR_REQUESTER_NOT_BASECHAIN)', async () => {
            const masterchainWallet = await s.f.blockchain.treasury('masterchain', { workchain: -1 });
            await expectRefused(fundTask, s.as(masterchainWallet), fundArgs(DEADLINE), /off the basechain \(ERR_REQUESTER_NOT_BASECHAIN\)/);
        });

        it('refuses a master deployed with a fee above the cap or a treasury off the basechain', async () => {
            const cases: [FixtureOptions, RegExp][] = [
                [{ feeBps: 2500n }, /fee 2500 bps is above its cap \(ERR_FEE_TOO_HIGH\)/],
                [{ treasuryWorkchain: -1 }, /treasury is off the basechain \(ERR_TREASURY_NOT_BASECHAIN\)/],
            ];
            for (const [options, message] of cases) {
                const misdeployed = await scriptFixture(options);
                try {
                    const args = [misdeployed.master, '42', '3', '3', String(DEADLINE)];
                    await expectRefused(fundTask, misdeployed.as(misdeployed.f.requester), args, message);
                } finally {
                    misdeployed.cleanup();
                }
            }
        });

        it('refuses a budget of zero as a usage error', async () => {
            await expectRefused(fundTask, s.as(s.f.requester), [master, '42', '0', '3', String(DEADLINE)], /budget above 0/, UsageError);
        });

        it('refuses a wallet that cannot pay the budget, the reserve and the fees', async () => {
            await expectRefused(
                fundTask,
                s.as(await poorWallet('3')),
                fundArgs(DEADLINE),
                /holds 3 TON \(3000000000 nanotons\), and this needs 3\.07 TON .*\(3\.06 TON .* sent plus up to 0\.01 TON .* of fees\)/,
            );
        });

        it('refuses a wallet that does not exist, the mark of a mistyped mnemonic', async () => {
            await expectRefused(fundTask, s.as(await missingWallet()), fundArgs(DEADLINE), /does not exist on this network \(no balance\)/);
        });
    });

    describe('claimReward', () => {
        it('refuses an expired intent (ERR_INTENT_EXPIRED)', async () => {
            const escrow = await s.funded();
            const file = s.saved(await s.intentJson(escrow, s.f.worker.address, toNano('1')));
            s.f.blockchain.now = T0 + HOUR + 1;
            await expectRefused(claimReward, s.as(s.f.worker), [file], /the intent expired at .*; ask for a new one \(ERR_INTENT_EXPIRED\)/);
        });

        it('refuses a claim from a wallet off the basechain (ERR_EXECUTOR_NOT_BASECHAIN)', async () => {
            const escrow = await s.funded();
            const masterchainWallet = await s.f.blockchain.treasury('masterchain', { workchain: -1 });
            const file = s.saved(await s.intentJson(escrow, masterchainWallet.address, toNano('1')));
            await expectRefused(claimReward, s.as(masterchainWallet), [file], /off the basechain \(ERR_EXECUTOR_NOT_BASECHAIN\)/);
        });

        it('refuses a second claim by the same executor (ERR_ALREADY_CLAIMED)', async () => {
            const escrow = await s.funded();
            const file = s.saved(await s.intentJson(escrow, s.f.worker.address, toNano('1')));
            await claimReward.run(s.as(s.f.worker), [file]);
            await expectRefused(claimReward, s.as(s.f.worker), [file], /task 42 has already paid .* \(ERR_ALREADY_CLAIMED\)/);
        });

        it('finds executors paid after the first two, in the record chain, and lets a new one claim', async () => {
            const escrow = await s.funded(42n, 6n);
            const executors = [s.f.worker, s.f.worker2, s.f.relayer, s.f.stranger];
            for (const executor of executors) {
                await claimReward.run(s.as(executor), [s.saved(await s.intentJson(escrow, executor.address, toNano('0.1')))]);
            }
            for (const executor of executors) {
                const file = s.saved(await s.intentJson(escrow, executor.address, toNano('0.1')));
                await expectRefused(claimReward, s.as(executor), [file], /has already paid .* \(ERR_ALREADY_CLAIMED\)/);
            }
            await claimReward.run(s.as(s.f.owner), [s.saved(await s.intentJson(escrow, s.f.owner.address, toNano('0.1')))]);
            expect((await escrow.getState()).slotsUsed).toBe(5n);
        });

        it("refuses a claim after the task's deadline (ERR_PAST_DEADLINE)", async () => {
            const escrow = await s.funded();
            const file = s.saved(await s.intentJson(escrow, s.f.worker.address, toNano('1'), DEADLINE + HOUR));
            s.f.blockchain.now = DEADLINE + 1;
            await expectRefused(claimReward, s.as(s.f.worker), [file], /deadline .* has passed \(ERR_PAST_DEADLINE\)/);
        });

        it("refuses another wallet's intent copied without its executor field (ERR_BAD_SIGNATURE)", async () => {
            const escrow = await s.funded();
            const { executor: _, ...copied } = await s.intentJson(escrow, s.f.worker.address, toNano('1'));
            await expectRefused(
                claimReward,
                s.as(s.f.stranger),
                [s.saved(copied)],
                /signature does not verify for the sending wallet .* \(ERR_BAD_SIGNATURE\)/,
            );
        });

        it('refuses an intent for more than the budget left (ERR_OVER_BUDGET)', async () => {
            const escrow = await s.funded();
            const file = s.saved(await s.intentJson(escrow, s.f.worker.address, toNano('4')));
            await expectRefused(claimReward, s.as(s.f.worker), [file], /pays 4 TON .*, more than the 3 TON .* left \(ERR_OVER_BUDGET\)/);
        });

        it('refuses an escrow that was deployed but never funded (ERR_NOT_FUNDED)', async () => {
            const escrow = await unfundedEscrow();
            const intent = {
                globalId: MAINNET_GLOBAL_ID,
                escrow: escrow.address,
                fundingId: 0n,
                executor: s.f.worker.address,
                taskId: 77n,
                amount: toNano('1'),
                validUntil: T0 + HOUR,
            };
            const comment = buildClaimComment({ ...intent, signature: signIntent(intent, s.f.backendKey.secretKey) });
            const file = s.saved({ to_address: escrow.address.toString(), amount: '50000000', payload_comment: comment });
            await expectRefused(claimReward, s.as(s.f.worker), [file], /the escrow of task 77 is not funded yet \(ERR_NOT_FUNDED\)/);
        });

        it('refuses an intent whose address is the master, not an escrow', async () => {
            const escrow = await s.funded();
            const intent = { ...(await s.intentJson(escrow, s.f.worker.address, toNano('1'))), to_address: master };
            await expectRefused(claimReward, s.as(s.f.worker), [s.saved(intent)], /is an EscrowMaster, not a TaskEscrow/);
        });

        it('refuses a wallet that cannot attach the gas and pay its fees', async () => {
            const escrow = await s.funded();
            const poor = await poorWallet('0.05');
            const file = s.saved(await s.intentJson(escrow, poor.address, toNano('1')));
            await expectRefused(claimReward, s.as(poor), [file], /holds 0\.05 TON .*, and this needs 0\.06 TON/);
        });
    });

    describe('closeTask', () => {
        it('refuses to close before the deadline, and at it (ERR_CLOSE_TOO_EARLY)', async () => {
            const escrow = (await s.funded()).address.toString();
            const early = /task 42 can be closed only after its deadline \d+ \(.*, in 86400 s\) \(ERR_CLOSE_TOO_EARLY\)/;
            await expectRefused(closeTask, s.as(s.f.stranger), [escrow], early);
            s.f.blockchain.now = DEADLINE;
            await expectRefused(closeTask, s.as(s.f.stranger), [master, '42'], /in 0 s\) \(ERR_CLOSE_TOO_EARLY\)/);
        });

        it('refuses an escrow that was never funded (ERR_NOT_FUNDED)', async () => {
            const escrow = await unfundedEscrow();
            await expectRefused(closeTask, s.as(s.f.stranger), [escrow.address.toString()], /task 77 was never funded \(ERR_NOT_FUNDED\)/);
        });

        it('refuses a wallet given as the escrow', async () => {
            await expectRefused(closeTask, s.as(s.f.stranger), [await v4Wallet()], /is a wallet \(v4r2\), not a TaskEscrow/);
        });
    });

    describe('admin scripts', () => {
        it("refuses each owner action from a wallet that is not the owner (ERR_NOT_OWNER)", async () => {
            const cases: [Script, string, string[]][] = [
                [setBackendKey, 'SetBackendKey', [master, backendKeyHex]],
                [setFee, 'SetFee', [master, '1200']],
                [setTreasury, 'SetTreasury', [master, s.f.stranger.address.toString()]],
                [setStopped, 'SetStopped', [master, 'stop']],
                [proposeOwner, 'ProposeOwner', [master, s.f.stranger.address.toString()]],
            ];
            for (const [script, message, args] of cases) {
                const notOwner = new RegExp(`only the master's owner .* may send ${message}, and the sending wallet is .* \\(ERR_NOT_OWNER\\)`);
                await expectRefused(script, s.as(s.f.stranger), args, notOwner);
            }
        });

        it('refuses acceptOwnership when nobody is proposed, or from a wallet that was not (ERR_NOT_PENDING_OWNER)', async () => {
            await expectRefused(acceptOwnership, s.as(s.f.worker), [master], /nobody is proposed as the next owner/);
            await proposeOwner.run(s.as(s.f.owner), [master, s.f.worker.address.toString()]);
            await expectRefused(
                acceptOwnership,
                s.as(s.f.stranger),
                [master],
                /the proposed owner is .*, but the sending wallet is .* \(ERR_NOT_PENDING_OWNER\)/,
            );
        });

        it('refuses a treasury off the basechain (ERR_TREASURY_NOT_BASECHAIN)', async () => {
            const masterchain = new Address(-1, Buffer.alloc(32, 4)).toString();
            await expectRefused(setTreasury, s.as(s.f.owner), [master, masterchain], /basechain .* not -1 \(ERR_TREASURY_NOT_BASECHAIN\)/);
        });

        it('refuses a wallet given as the master', async () => {
            await expectRefused(setFee, s.as(s.f.owner), [await v4Wallet(), '100'], /is a wallet \(v4r2\), not an EscrowMaster/);
        });
    });

    describe('deployEscrowMaster', () => {
        const deployArgs = (treasury: Address) => [treasury.toString(), backendKeyHex, '250'];

        it('refuses a treasury off the basechain, where every FundTask would be refused', async () => {
            const masterchain = new Address(-1, Buffer.alloc(32, 4));
            await expectRefused(deployEscrowMaster, s.as(s.f.owner), deployArgs(masterchain), /would refuse every FundTask/);
        });

        it('refuses a wallet that cannot pay the deployment, or does not exist', async () => {
            await expectRefused(deployEscrowMaster, s.as(await poorWallet('0.12')), deployArgs(s.f.treasury.address), /and this needs 0\.15 TON/);
            await expectRefused(deployEscrowMaster, s.as(await missingWallet()), deployArgs(s.f.treasury.address), /does not exist/);
        });
    });
});
