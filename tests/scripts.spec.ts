// Every Blueprint script, end to end, against a sandbox-backed NetworkProvider: the action it performs, what it
// prints, and that bad input stops it before anything is sent.
import '@ton/test-utils';
import { join } from 'path';
import { NetworkProvider } from '@ton/blueprint';
import { Address, ContractState, fromNano, toNano } from '@ton/core';
import { keyPairFromSeed } from '@ton/crypto';
import { loadConfig, SandboxContract, TreasuryContract, updateConfig } from '@ton/sandbox';
import { findTransactionRequired } from '@ton/test-utils';
import {
    ERR_FUNDING_STOPPED,
    ERR_NOT_OWNER,
    ERR_NOT_PENDING_OWNER,
    ESCROW_RESERVE,
    EscrowMaster,
} from '../build/EscrowMaster/EscrowMaster_EscrowMaster';
import {
    ERR_ALREADY_CLAIMED,
    ERR_CLOSE_TOO_EARLY,
    STATUS_OPEN,
    TaskEscrow,
} from '../build/TaskEscrow/TaskEscrow_TaskEscrow';
import { claimCommentCell, claimCommentPayload } from '../wrappers/claimEncoding';
import * as acceptOwnership from '../scripts/acceptOwnership';
import * as claimReward from '../scripts/claimReward';
import * as closeTask from '../scripts/closeTask';
import * as deployEscrowMaster from '../scripts/deployEscrowMaster';
import * as fundTask from '../scripts/fundTask';
import { awaitArrival } from '../scriptSupport/arrival';
import { CONFIG_ADDRESS, NetworkTooOld, REQUIRED_GLOBAL_VERSION } from '../scriptSupport/globalVersion';
import { ActionRejected } from '../scriptSupport/outcome';
import { UsageError } from '../scriptSupport/usage';
import * as proposeOwner from '../scripts/proposeOwner';
import * as setBackendKey from '../scripts/setBackendKey';
import * as setFee from '../scripts/setFee';
import * as setStopped from '../scripts/setStopped';
import * as setTreasury from '../scripts/setTreasury';
import { EscrowFixture } from './helpers/escrowFixture';
import { plain } from './helpers/plain';
import { SandboxNetworkProvider } from './helpers/sandboxProvider';
import { isActive, onlySentTo } from './helpers/valueFlow';
import { CLAIM_GAS, DEADLINE, ScriptFixture, scriptFixture } from './scripts/scriptFixture';

type Script = { run: (provider: SandboxNetworkProvider, args: string[]) => Promise<void> };

const newKey = keyPairFromSeed(Buffer.alloc(32, 9));
const newKeyHex = newKey.publicKey.toString('hex');
const newKeyInt = BigInt('0x' + newKeyHex);

describe('Blueprint scripts', () => {
    let s: ScriptFixture;
    let f: ScriptFixture['f'];
    let dir: string;
    let master: string;

    beforeEach(async () => {
        s = await scriptFixture();
        ({ f, dir, master } = s);
    });

    afterEach(() => s.cleanup());

    const as = (wallet: SandboxContract<TreasuryContract>) => s.as(wallet);
    const funded = (taskId?: bigint, slots?: bigint) => s.funded(taskId, slots);
    const intentJson = (escrow: SandboxContract<TaskEscrow>, executor: Address, amount: bigint) =>
        s.intentJson(escrow, executor, amount);
    const saved = (content: unknown) => s.saved(content);
    const balanceOf = async (address: Address) => (await f.blockchain.getContract(address)).balance;

    function expectNothingSent(provider: SandboxNetworkProvider) {
        expect(provider.sender().lastSendResult).toBeUndefined();
        expect(provider.transactions).toHaveLength(0);
    }

    async function expectUsageError(script: Script, args: string[], message: RegExp, from = f.owner) {
        const provider = as(from);
        const run = script.run(provider, args);
        await expect(run).rejects.toThrow(UsageError);
        await expect(run).rejects.toThrow(message);
        expectNothingSent(provider);
    }

    describe('deployEscrowMaster', () => {
        const args = () => [f.treasury.address.toString(), newKeyHex, '250'];

        it('deploys a master owned by the sender with the given settings and prints its config', async () => {
            const provider = as(f.owner);
            await deployEscrowMaster.run(provider, args());

            const expected = await EscrowMaster.fromInit(
                f.owner.address,
                null,
                f.treasury.address,
                newKeyInt,
                250n,
                false,
            );
            expect(await isActive(f.blockchain, expected.address)).toBe(true);
            const config = await f.blockchain.openContract(EscrowMaster.fromAddress(expected.address)).getConfig();
            expect(plain(config)).toMatchObject(
                plain({
                    owner: f.owner.address,
                    pendingOwner: null,
                    treasury: f.treasury.address,
                    feeBps: 250n,
                    stopped: false,
                }),
            );
            expect(config.backendKey).toBe(newKeyInt);
            const out = provider.ui().text();
            expect(out).toContain(`EscrowMaster deployed at ${expected.address.toString()}.`);
            expect(out).toContain(`EscrowMaster ${expected.address.toString()}`);
            // No explorer link: the sandbox, like the devnet, is no public network.
            expect(out).not.toMatch(/https?:\/\//);
            expect(out).toMatch(/fee: +250 bps \(cap 2000\)/);
            expect(out).toContain(`backend key:    ${newKeyHex}`);
        });

        it('deploying the same settings again sends nothing and names the master already there', async () => {
            await deployEscrowMaster.run(as(f.owner), args());
            const again = as(f.owner);
            await deployEscrowMaster.run(again, args());
            expectNothingSent(again);
            expect(again.ui().text()).toMatch(/already deployed at .*; nothing sent/);
        });

        it('refuses malformed arguments and sends nothing', async () => {
            const [treasury, key] = args();
            const cases: [string[], RegExp][] = [
                [[treasury, key], /expected 3 argument\(s\)/],
                [['treasury-wallet', key, '250'], /treasury: "treasury-wallet" is not a TON address/],
                [[treasury, key.slice(2), '250'], /expected 64 hex characters/],
                [[treasury, 'g'.repeat(64), '250'], /expected 64 hex characters/],
                [[treasury, '0'.repeat(64), '250'], /zero key/],
                [[treasury, key, '2001'], /above the maximum 2000/],
                [[treasury, key, '2.5'], /not a whole number/],
            ];
            for (const [bad, message] of cases) await expectUsageError(deployEscrowMaster, bad, message);
        });

        /** Sets the sandbox's config param 8 to `version`, keeping its capabilities. */
        function setGlobalVersion(version: number) {
            const current = loadConfig(f.blockchain.config)[8].anon0;
            f.blockchain.setConfig(
                updateConfig(f.blockchain.config, { kind: 'ConfigParam__8', anon0: { ...current, version } }),
            );
        }

        const expectedMaster = async () =>
            (await EscrowMaster.fromInit(f.owner.address, null, f.treasury.address, newKeyInt, 250n, false)).address;

        it('on a network below REQUIRED_GLOBAL_VERSION it refuses, naming both versions, and sends nothing', async () => {
            const found = REQUIRED_GLOBAL_VERSION - 1;
            setGlobalVersion(found);
            const provider = as(f.owner);

            const error = await deployEscrowMaster.run(provider, args()).catch((e: unknown) => e);
            expect(error).toBeInstanceOf(NetworkTooOld);
            expect((error as Error).message).toBe(
                `refusing to deploy: the network's global version (config param 8) is ${found}, and the escrow needs ` +
                    `${REQUIRED_GLOBAL_VERSION} or later (its claim-comment parser uses BTOS, a TVM ` +
                    `${REQUIRED_GLOBAL_VERSION} instruction); nothing was sent`,
            );
            // Blueprint prints a failed script's error as it is: the message alone, no stack trace.
            expect((error as Error).stack).toBe(`NetworkTooOld: ${(error as Error).message}`);
            expectNothingSent(provider);
            expect(await isActive(f.blockchain, await expectedMaster())).toBe(false);
        });

        it('on a network at exactly REQUIRED_GLOBAL_VERSION it deploys', async () => {
            setGlobalVersion(REQUIRED_GLOBAL_VERSION);
            await deployEscrowMaster.run(as(f.owner), args());
            expect(await isActive(f.blockchain, await expectedMaster())).toBe(true);
        });

        it('on a network with no configuration contract it says the version is unknown, and deploys', async () => {
            // The devnet, like the sandbox itself, has no account at the config address.
            class NoConfigContract extends SandboxNetworkProvider {
                override async getContractState(address: Address): Promise<ContractState> {
                    return this.blockchain.provider(address).getState();
                }
            }
            const provider = new NoConfigContract(f.blockchain, f.owner);

            await deployEscrowMaster.run(provider, args());

            expect(await isActive(f.blockchain, await expectedMaster())).toBe(true);
            expect(provider.ui().text()).toContain(
                `global version is unknown; the escrow needs ${REQUIRED_GLOBAL_VERSION} or later`,
            );
        });

        it('refuses, sending nothing, when the configuration contract cannot be read', async () => {
            class UnreachableConfig extends SandboxNetworkProvider {
                override async getContractState(address: Address): Promise<ContractState> {
                    if (address.equals(CONFIG_ADDRESS)) throw new Error('HTTP 502');
                    return super.getContractState(address);
                }
            }
            const provider = new UnreachableConfig(f.blockchain, f.owner);

            const error = await deployEscrowMaster.run(provider, args()).catch((e: unknown) => e);
            expect(error).toBeInstanceOf(NetworkTooOld);
            expect((error as Error).message).toBe(
                "refusing to deploy: cannot read the network's global version (config param 8): HTTP 502; nothing was sent",
            );
            expectNothingSent(provider);
        });
    });

    describe('fundTask', () => {
        it('funds the escrow the master reports with budget + ESCROW_RESERVE and prints its state', async () => {
            const provider = as(f.requester);
            await fundTask.run(provider, [master, '42', '2.5', '3', String(DEADLINE)]);

            expect(provider.transactions).toHaveTransaction({
                from: f.requester.address,
                to: f.master.address,
                value: toNano('2.5') + ESCROW_RESERVE,
                success: true,
            });
            const escrowAddress = await f.master.getEscrowAddress(42n);
            const state = await f.blockchain.openContract(TaskEscrow.fromAddress(escrowAddress)).getState();
            expect(state.status).toBe(STATUS_OPEN);
            expect(state.budget).toBe(toNano('2.5'));
            expect(state.maxResults).toBe(3n);
            expect(state.deadline).toBe(BigInt(DEADLINE));
            expect(state.requester?.equals(f.requester.address)).toBe(true);
            const out = provider.ui().text();
            expect(out).toContain(`Task 42 funded: escrow ${escrowAddress.toString()}`);
            expect(out).toContain('budget:       2.5 TON (2500000000 nanotons)');
            expect(out).toContain('result slots: 0 of 3 paid');
        });

        it('when someone funds the task between the check and the send, the value returned is reported', async () => {
            const provider = as(f.stranger);
            provider.sender().beforeNextSend = () => f.fundTask({ taskId: 42n });
            const balanceBefore = await balanceOf(f.stranger.address);

            const second = fundTask.run(provider, [master, '42', '1', '1', String(DEADLINE)]);
            await expect(second).rejects.toThrow(
                /task 42 was funded by someone else meanwhile, .*; the escrow kept its terms and returned 1\.0\d+ TON \(\d+ nanotons\) to you \(FundingReturned\)/,
            );
            const escrow = f.blockchain.openContract(TaskEscrow.fromAddress(await f.master.getEscrowAddress(42n)));
            expect((await escrow.getState()).requester?.equals(f.requester.address)).toBe(true);
            // Only the fees of the round trip are gone.
            expect(balanceBefore - (await balanceOf(f.stranger.address))).toBeLessThan(toNano('0.05'));
        });

        it("when funding stops between the check and the send, the master's refusal and the bounce are reported", async () => {
            const provider = as(f.requester);
            provider.sender().beforeNextSend = () =>
                f.master.send(f.owner.getSender(), { value: toNano('0.05') }, { $$type: 'SetStopped', queryId: 0n, stopped: true });

            const run = fundTask.run(provider, [master, '42', '3', '3', String(DEADLINE)]);
            await expect(run).rejects.toThrow(ActionRejected);
            await expect(run).rejects.toThrow(
                new RegExp(
                    `FundTask was rejected by EscrowMaster: ERR_FUNDING_STOPPED \\(${ERR_FUNDING_STOPPED}\\); ` +
                        '3\\.0\\d+ TON \\(\\d+ nanotons\\) bounced back to your wallet',
                ),
            );
            expect(provider.transactions).toHaveTransaction({
                from: f.requester.address,
                to: f.master.address,
                aborted: true,
                exitCode: Number(ERR_FUNDING_STOPPED),
            });
            expect(await isActive(f.blockchain, await f.master.getEscrowAddress(42n))).toBe(false);
        });

        it('refuses malformed arguments, or an address without a master, and sends nothing', async () => {
            const deadline = String(DEADLINE);
            const cases: [string[], RegExp][] = [
                [[master, '42', '2,5', '3', deadline], /budget: "2,5" is not an amount in TON/],
                [[master, '42', '1e3', '3', deadline], /budget: "1e3" is not an amount in TON/],
                [[master, '42', '0.0000000001', '3', deadline], /up to 9 decimals/],
                [[master, 'task-42', '3', '3', deadline], /task id: "task-42" is not a whole number/],
                [[master, '10000000000000000000', '3', '3', deadline], /task id: .* above the maximum 9999999999999999999/],
                [[master, '42', '3', '0', deadline], /result slots: a task needs at least one/],
                [[master, '42', '3', '33', deadline], /result slots: 33 is above the maximum 32/],
                [[master, '42', '3', '3', '2026-01-02'], /deadline \(unix seconds\): "2026-01-02" is not a whole number/],
                [[master, '42', '3', '3'], /expected 5 argument\(s\)/],
            ];
            for (const [bad, message] of cases) await expectUsageError(fundTask, bad, message, f.requester);

            const nowhere = new Address(0, Buffer.alloc(32, 1)).toString();
            const provider = as(f.requester);
            await expect(fundTask.run(provider, [nowhere, '42', '3', '3', deadline])).rejects.toThrow(
                /no contract is deployed at .*EscrowMaster/,
            );
            expectNothingSent(provider);
        });
    });

    describe('claimReward', () => {
        it('pays the executor from a saved intent file and prints the escrow state', async () => {
            const escrow = await funded();
            const file = saved(await intentJson(escrow, f.worker.address, toNano('1')));
            const provider = as(f.worker);

            await claimReward.run(provider, [file]);

            const claim = findTransactionRequired(provider.transactions, { from: f.worker.address, to: escrow.address });
            const payout = onlySentTo(claim, f.worker.address).value;
            // 1 TON minus the 5% fee, plus what the claim left of the attached gas.
            expect(payout).toBeGreaterThan(toNano('0.95'));
            expect(payout).toBeLessThan(toNano('0.95') + BigInt(CLAIM_GAS));
            const state = await escrow.getState();
            expect(state.slotsUsed).toBe(1n);
            expect(state.remaining).toBe(toNano('2'));
            expect(state.feesAccrued).toBe(toNano('0.05'));
            const out = provider.ui().text();
            expect(out).toContain(`Claim paid: you received ${fromNano(payout)} TON (${payout} nanotons)`);
            expect(out).toContain(`to you ${f.worker.address.toString()}: `);
            expect(out).toContain('result slots: 1 of 3 paid');
        });

        it('the claim that fills the last slot closes the escrow, and the script says so', async () => {
            const escrow = await funded(42n, 1n);
            const provider = as(f.worker);

            await claimReward.run(provider, [saved(await intentJson(escrow, f.worker.address, toNano('1')))]);

            expect(await isActive(f.blockchain, escrow.address)).toBe(false);
            expect(provider.transactions).toHaveTransaction({
                from: escrow.address,
                to: f.treasury.address,
                value: toNano('0.05'),
            });
            const out = provider.ui().text();
            expect(out).toContain(`to treasury ${f.treasury.address.toString()}: 0.05 TON (50000000 nanotons)`);
            expect(out).toContain(`to requester ${f.requester.address.toString()}: `);
            expect(out).toContain('the escrow closed itself');
        });

        it('refuses a malformed or mismatched intent file and sends nothing', async () => {
            const escrow = await funded();
            const good = await intentJson(escrow, f.worker.address, toNano('1'));
            const { payload: _, ...withoutPayload } = good;
            const upperSig = good.payload_comment.replace(/sig=(.*)$/, (_, sig: string) => `sig=${sig.toUpperCase()}`);
            const cases: [unknown, RegExp][] = [
                ['{"to_address": ', /not valid JSON/],
                [[good], /expected a JSON object/],
                [{ ...good, to_address: undefined }, /"to_address" must be a string/],
                [{ ...good, to_address: 'escrow' }, /"to_address": "escrow" is not a TON address/],
                [{ ...good, amount: '0.05' }, /"amount": "0.05" is not an amount in nanotons/],
                [{ ...good, amount: 50000000 }, /"amount" must be a string/],
                [{ ...good, amount: '1000' }, /below the 20000000 nanotons a claim must carry/],
                [
                    { ...withoutPayload, payload_comment: good.payload_comment.replace('GSTD1', 'GSTD2') },
                    /malformed: Prefix \(450\)/,
                ],
                [{ ...withoutPayload, payload_comment: upperSig }, /malformed: SigChar \(456\)/],
                [{ ...good, payload: claimCommentPayload('GSTD1 claim task=1') }, /"payload" does not encode/],
                [{ ...good, executor: f.stranger.address.toString() }, /the intent pays .*, but the sending wallet is/],
                [
                    { ...withoutPayload, payload_comment: good.payload_comment.replace('task=42', 'task=43') },
                    /the intent is for task 43, but this escrow holds task 42/,
                ],
            ];
            for (const [content, message] of cases) {
                await expectUsageError(claimReward, [saved(content)], message, f.worker);
            }
        });

        it('refuses a missing intent file or a wrong argument count and sends nothing', async () => {
            await expectUsageError(claimReward, [join(dir, 'missing.json')], /cannot read it/, f.worker);
            await expectUsageError(claimReward, [], /expected 1 argument\(s\)/, f.worker);
        });

        it('a claim that lands after the same claim is rejected on-chain with ERR_ALREADY_CLAIMED and its value bounced', async () => {
            const escrow = await funded();
            const intent = await intentJson(escrow, f.worker.address, toNano('1'));
            const again = as(f.worker);
            // The same intent sent from elsewhere (another terminal) between the script's checks and its send.
            again.sender().beforeNextSend = () =>
                f.worker.send({ to: escrow.address, value: toNano('0.05'), body: claimCommentCell(intent.payload_comment) });

            await expect(claimReward.run(again, [saved(intent)])).rejects.toThrow(
                new RegExp(`ERR_ALREADY_CLAIMED \\(${ERR_ALREADY_CLAIMED}\\); 0\\.0\\d+ TON .* bounced back to your wallet`),
            );
            expect(again.transactions).toHaveTransaction({
                to: escrow.address,
                aborted: true,
                exitCode: Number(ERR_ALREADY_CLAIMED),
            });
            expect((await escrow.getState()).slotsUsed).toBe(1n);
        });
    });

    describe('closeTask', () => {
        it('after the deadline anyone can close: fees to the treasury, the rest to the requester', async () => {
            const escrow = await funded();
            await claimReward.run(as(f.worker), [saved(await intentJson(escrow, f.worker.address, toNano('1')))]);
            f.blockchain.now = DEADLINE + 1;
            const provider = as(f.stranger);

            await closeTask.run(provider, [escrow.address.toString()]);

            expect(await isActive(f.blockchain, escrow.address)).toBe(false);
            expect(provider.transactions).toHaveTransaction({
                from: escrow.address,
                to: f.treasury.address,
                value: toNano('0.05'),
            });
            const close = findTransactionRequired(provider.transactions, { from: f.stranger.address, to: escrow.address });
            // The unclaimed 2 TON and what is left of the reserve.
            expect(onlySentTo(close, f.requester.address).value).toBeGreaterThan(toNano('2'));
            const out = provider.ui().text();
            expect(out).toContain('Task 42 closed');
            expect(out).toContain(`to treasury ${f.treasury.address.toString()}: 0.05 TON (50000000 nanotons)`);
            expect(out).toContain(`to requester ${f.requester.address.toString()}: `);
            expect(out).toContain(`to you ${f.stranger.address.toString()}: `);
        });

        it('the master address and task id find the same escrow', async () => {
            const escrow = await funded();
            f.blockchain.now = DEADLINE + 1;
            const provider = as(f.requester);

            await closeTask.run(provider, [master, '42']);

            expect(await isActive(f.blockchain, escrow.address)).toBe(false);
            expect(provider.ui().text()).toContain(`to requester, you ${f.requester.address.toString()}: `);
        });

        it("when this machine's clock runs ahead of the chain's, the escrow's ERR_CLOSE_TOO_EARLY is reported", async () => {
            const escrow = await funded();
            const before = plain(await escrow.getState());
            class ClockAhead extends SandboxNetworkProvider {
                override now() {
                    return DEADLINE + 60;
                }
            }
            const provider = new ClockAhead(f.blockchain, f.stranger);

            const run = closeTask.run(provider, [escrow.address.toString()]);
            await expect(run).rejects.toThrow(
                `CloseTask was rejected by TaskEscrow: ERR_CLOSE_TOO_EARLY (${ERR_CLOSE_TOO_EARLY})`,
            );
            expect(provider.transactions).toHaveTransaction({
                from: f.stranger.address,
                to: escrow.address,
                aborted: true,
                exitCode: Number(ERR_CLOSE_TOO_EARLY),
            });
            expect(plain(await escrow.getState())).toEqual(before);
            expect(provider.ui().text()).toContain('status:       open');
        });

        it('refuses bad arguments, or a task without an escrow, and sends nothing', async () => {
            await expectUsageError(closeTask, [], /expected 1 or 2 arguments/);
            await expectUsageError(closeTask, ['escrow'], /escrow: "escrow" is not a TON address/);
            await expectUsageError(closeTask, [master, 'forty-two'], /task id: "forty-two" is not a whole number/);
            await expectUsageError(closeTask, [master, '42', 'now'], /expected 1 or 2 arguments/);
            const provider = as(f.stranger);
            await expect(closeTask.run(provider, [master, '7'])).rejects.toThrow(
                /no contract is deployed at .*: the task is closed, was never funded, or the address is wrong; nothing was sent/,
            );
            expectNothingSent(provider);
        });
    });

    describe('admin scripts', () => {
        it('each admin script run by the owner changes the master config and prints it', async () => {
            type Config = Awaited<ReturnType<EscrowFixture['master']['getConfig']>>;
            const cases: [string, Script, string[], (config: Config) => void][] = [
                ['SetBackendKey', setBackendKey, [master, newKeyHex], (c) => expect(c.backendKey).toBe(newKeyInt)],
                ['SetFee', setFee, [master, '1200'], (c) => expect(c.feeBps).toBe(1200n)],
                [
                    'SetTreasury',
                    setTreasury,
                    [master, f.stranger.address.toString()],
                    (c) => expect(c.treasury.equals(f.stranger.address)).toBe(true),
                ],
                ['SetStopped', setStopped, [master, 'stop'], (c) => expect(c.stopped).toBe(true)],
                [
                    'ProposeOwner',
                    proposeOwner,
                    [master, f.worker.address.toString()],
                    (c) => expect(c.pendingOwner?.equals(f.worker.address)).toBe(true),
                ],
            ];
            for (const [message, script, args, check] of cases) {
                const provider = as(f.owner);
                await script.run(provider, args);
                check(await f.master.getConfig());
                expect(provider.ui().text()).toContain(`${message} applied. Config now:\nEscrowMaster ${master}`);
            }
        });

        it('setStopped resume reopens funding', async () => {
            await setStopped.run(as(f.owner), [master, 'stop']);
            const provider = as(f.owner);
            await setStopped.run(provider, [master, 'resume']);
            expect((await f.master.getConfig()).stopped).toBe(false);
            expect(provider.ui().text()).toMatch(/funding: +open/);
        });

        it('proposeOwner then acceptOwnership hands the master over, and the old owner loses its rights', async () => {
            await proposeOwner.run(as(f.owner), [master, f.worker.address.toString()]);
            const provider = as(f.worker);
            await acceptOwnership.run(provider, [master]);

            const config = await f.master.getConfig();
            expect(config.owner.equals(f.worker.address)).toBe(true);
            expect(config.pendingOwner).toBeNull();
            expect(provider.ui().text()).toMatch(/pending owner: +none/);
            await expect(setFee.run(as(f.owner), [master, '100'])).rejects.toThrow(/\(ERR_NOT_OWNER\); nothing was sent/);
        });

        it('when the master changes hands between the check and the send, its ERR_NOT_OWNER is reported', async () => {
            const provider = as(f.owner);
            provider.sender().beforeNextSend = async () => {
                await f.master.send(f.owner.getSender(), { value: toNano('0.05') }, { $$type: 'ProposeOwner', queryId: 0n, newOwner: f.worker.address });
                await f.master.send(f.worker.getSender(), { value: toNano('0.05') }, { $$type: 'AcceptOwnership', queryId: 0n });
            };
            const before = plain(await f.master.getConfig());

            const run = setFee.run(provider, [master, '1200']);
            await expect(run).rejects.toThrow(ActionRejected);
            await expect(run).rejects.toThrow(
                new RegExp(`SetFee was rejected by EscrowMaster: ERR_NOT_OWNER \\(${ERR_NOT_OWNER}\\); 0\\.0\\d+ TON .* bounced back`),
            );
            expect(provider.transactions).toHaveTransaction({
                from: f.owner.address,
                to: f.master.address,
                aborted: true,
                exitCode: Number(ERR_NOT_OWNER),
            });
            expect((await f.master.getConfig()).feeBps).toBe(before.feeBps);
            expect(provider.ui().text()).toContain('Config as it stands:');
        });

        it('when the proposal is withdrawn between the check and the send, ERR_NOT_PENDING_OWNER is reported', async () => {
            await proposeOwner.run(as(f.owner), [master, f.worker.address.toString()]);
            const provider = as(f.worker);
            provider.sender().beforeNextSend = () =>
                f.master.send(f.owner.getSender(), { value: toNano('0.05') }, { $$type: 'ProposeOwner', queryId: 0n, newOwner: f.owner.address });

            await expect(acceptOwnership.run(provider, [master])).rejects.toThrow(
                `ERR_NOT_PENDING_OWNER (${ERR_NOT_PENDING_OWNER})`,
            );
            expect(provider.transactions).toHaveTransaction({
                to: f.master.address,
                aborted: true,
                exitCode: Number(ERR_NOT_PENDING_OWNER),
            });
            expect((await f.master.getConfig()).owner.equals(f.owner.address)).toBe(true);
        });

        it('refuse malformed arguments and send nothing', async () => {
            const cases: [Script, string[], RegExp][] = [
                [setFee, [master, '2001'], /above the maximum 2000/],
                [setFee, [master, '5%'], /not a whole number/],
                [setFee, ['master', '100'], /master: "master" is not a TON address/],
                [setBackendKey, [master, 'x'.repeat(64)], /expected 64 hex characters/],
                [setTreasury, [master, 'treasury'], /treasury: "treasury" is not a TON address/],
                [setStopped, [master, 'pause'], /expected "stop" or "resume", got "pause"/],
                [proposeOwner, [master], /expected 2 argument\(s\)/],
                [acceptOwnership, [], /expected 1 argument\(s\)/],
            ];
            for (const [script, args, message] of cases) await expectUsageError(script, args, message);
        });

        it('refuses an address where no contract is deployed and sends nothing', async () => {
            const provider = as(f.owner);
            const nowhere = new Address(0, Buffer.alloc(32, 1)).toString();
            await expect(setFee.run(provider, [nowhere, '100'])).rejects.toThrow(/no contract is deployed at/);
            expectNothingSent(provider);
        });
    });

    describe('sandbox provider', () => {
        it('reports a custom network, reads the chain config and has no API client', async () => {
            const provider = as(f.owner);
            expect(provider.network()).toBe('custom');
            expect((await provider.getConfig()).workchains).toBeDefined();
            expect(() => provider.api()).toThrow('not available in sandbox');
        });

        it('waitForLastTransaction confirms a send and refuses when nothing was sent', async () => {
            const provider = as(f.owner);
            await expect(provider.waitForLastTransaction()).rejects.toThrow('nothing has been sent yet');
            await setFee.run(provider, [master, '100']);
            await provider.waitForLastTransaction();
            expect(provider.ui().text()).toMatch(/Transaction [0-9a-f]{64} successfully applied!/);
        });
    });
});

describe('awaitArrival', () => {
    // A real network forgets a destroyed account's last transaction; the sandbox keeps it, so stub the provider.
    const active: ContractState = {
        balance: 1n,
        extracurrency: null,
        last: { lt: 5n, hash: Buffer.alloc(32) },
        state: { type: 'active', code: null, data: null },
    };
    const vanished: ContractState = { balance: 0n, extracurrency: null, last: null, state: { type: 'uninit' } };
    const stub = (state: ContractState) => ({ getContractState: async () => state }) as unknown as NetworkProvider;
    const someone = new Address(0, Buffer.alloc(32, 2));

    it('takes a contract that vanished with its history as having processed the message', async () => {
        expect(await awaitArrival(stub(vanished), someone, someone, active, { attempts: 1 })).toEqual({ kind: 'gone' });
    });

    it('gives up with a clear error when nothing arrives', async () => {
        await expect(awaitArrival(stub(active), someone, someone, active, { attempts: 2, intervalMs: 1 })).rejects.toThrow(
            /no transaction processing a message from .* appeared on .* after 2 attempts/,
        );
    });
});
