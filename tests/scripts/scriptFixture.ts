// The sandbox fixture the script suites share: a deployed master, named wallets, each as a Blueprint provider, and
// intent files as the backend would hand them out.
import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { Address } from '@ton/core';
import { SandboxContract, TreasuryContract } from '@ton/sandbox';
import { TaskEscrow } from '../../build/TaskEscrow/TaskEscrow_TaskEscrow';
import { buildClaimComment, claimCommentPayload, MAINNET_GLOBAL_ID, signIntent } from '../../wrappers/claimEncoding';
import * as fundTask from '../../scripts/fundTask';
import { IntentFile } from '../../scriptSupport/intentFile';
import { escrowFixture, FixtureOptions, HOUR, T0 } from '../helpers/escrowFixture';
import { SandboxNetworkProvider } from '../helpers/sandboxProvider';

/** The deadline tasks are funded with: a day after the sandbox's start. */
export const DEADLINE = T0 + 24 * HOUR;
/** Gas an intent attaches, as the backend sets it. */
export const CLAIM_GAS = '50000000';

export type ScriptFixture = Awaited<ReturnType<typeof scriptFixture>>;

export async function scriptFixture(options: FixtureOptions = {}) {
    const f = await escrowFixture(options);
    const dir = mkdtempSync(join(tmpdir(), 'gstd-scripts-'));
    const master = f.master.address.toString();

    const as = (wallet: SandboxContract<TreasuryContract>) => new SandboxNetworkProvider(f.blockchain, wallet);

    /** Funds task `taskId` through the script (3 TON, `slots` result slots) and opens the escrow the master reports. */
    async function funded(taskId = 42n, slots = 3n) {
        await fundTask.run(as(f.requester), [master, String(taskId), '3', String(slots), String(DEADLINE)]);
        return f.blockchain.openContract(TaskEscrow.fromAddress(await f.master.getEscrowAddress(taskId)));
    }

    /** What the backend returns for a payout to `executor`, signed with the backend key for the escrow's funding. */
    async function intentJson(
        escrow: SandboxContract<TaskEscrow>,
        executor: Address,
        amount: bigint,
        validUntil = T0 + HOUR,
    ): Promise<IntentFile> {
        const state = await escrow.getState();
        const intent = {
            globalId: MAINNET_GLOBAL_ID,
            escrow: escrow.address,
            fundingId: state.fundingId,
            executor,
            taskId: state.taskId,
            amount,
            validUntil,
        };
        const comment = buildClaimComment({ ...intent, signature: signIntent(intent, f.backendKey.secretKey) });
        return {
            to_address: escrow.address.toString(),
            amount: CLAIM_GAS,
            payload_comment: comment,
            payload: claimCommentPayload(comment),
            executor: executor.toString(),
        };
    }

    /** Writes `content` (JSON, or text as it is) to a fresh file; returns its path. */
    function saved(content: unknown): string {
        const path = join(dir, `intent-${Math.random().toString(36).slice(2)}.json`);
        writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
        return path;
    }

    const cleanup = () => rmSync(dir, { recursive: true, force: true });

    return { f, dir, master, as, funded, intentJson, saved, cleanup };
}
