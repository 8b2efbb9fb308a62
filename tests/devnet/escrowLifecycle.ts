// One escrow's life on a devnet, over its HTTP API only, as its users live it: the requester funds a task (FundTask to
// the master, which deploys the TaskEscrow), an executor claims with a comment the backend key signed, and after the
// deadline the requester closes the escrow, which pays out and destroys itself.
import { Address, toNano } from '@ton/core';
import { KeyPair } from '@ton/crypto';
import { TonClient } from '@ton/ton';
import { tonClientChain } from '../../backend/src/chain/tonClientChain';
import { ChainAdapter } from '../../backend/src/chain/chain';
import { buildClaimComment, signIntent } from '../../wrappers/claimEncoding';
import { closeTaskMessage } from '../../wrappers/taskEscrowMessages';
import { claimTransaction, fundingTransaction } from '../../wrappers/tonConnect';
import { fundFromFaucet } from './devnetHttp';
import { localWallet, LocalWallet } from './localWallet';

const CLAIM_GAS = toNano('0.05');
const CLOSE_VALUE = toNano('0.05');
/** Long enough for the funding and the claim to land before it, short enough to wait out in a test. */
const DEADLINE_SECONDS = 5;

const nowSeconds = () => Math.floor(Date.now() / 1000);

/** A devnet as its users reach it: TonClient on its toncenter API, and its base URL for the faucet. */
export interface DevnetUsers {
    client: TonClient;
    endpoint: string;
    /** Where POST /devnet/faucet is served. */
    url: string;
    master: Address;
    globalId: number;
    /** The key the master checks payout intents against. */
    backendKey: KeyPair;
}

export interface ClaimedEscrow {
    requester: LocalWallet;
    executor: LocalWallet;
    escrow: Address;
    deadline: number;
    chain: ChainAdapter;
}

/** Fresh requester and executor wallets, a task funded with two slots, and one slot claimed by the executor. */
export async function fundAndClaim(devnet: DevnetUsers, taskId: bigint): Promise<ClaimedEscrow> {
    const { client, endpoint, url, master, globalId, backendKey } = devnet;
    const chain = tonClientChain({ endpoint, master, globalId });
    const requester = await localWallet(client, 'v4r2');
    const executor = await localWallet(client, 'v5r1');
    await fundFromFaucet(url, requester.address.toString(), toNano('10'));
    await fundFromFaucet(url, executor.address.toString(), toNano('1'));

    const deadline = nowSeconds() + DEADLINE_SECONDS;
    const terms = { taskId, budget: toNano('3'), maxResults: 2n, deadline: BigInt(deadline) };
    await requester.sendTonConnect(fundingTransaction(master, terms, globalId, nowSeconds() + 60));
    const escrow = await chain.escrowAddress(taskId);
    const funded = await chain.escrowState(escrow);
    if (!funded) throw new Error(`task ${taskId} was not funded: no escrow at ${escrow}`);

    const validUntil = deadline;
    const intent = {
        globalId,
        escrow,
        fundingId: funded.fundingId,
        executor: executor.address,
        taskId,
        amount: toNano('1'),
        validUntil,
    };
    const comment = buildClaimComment({ ...intent, signature: signIntent(intent, backendKey.secretKey) });
    await executor.sendTonConnect(claimTransaction(escrow, comment, CLAIM_GAS, globalId, validUntil));
    const claims = await chain.claimsOf(escrow);
    if (claims.length !== 1) throw new Error(`the claim on task ${taskId} was not paid (${claims.length} claims seen)`);
    return { requester, executor, escrow, deadline, chain };
}

/** Waits out the deadline, then the requester closes the escrow; fails unless the escrow is gone. */
export async function closeAfterDeadline(claimed: ClaimedEscrow): Promise<void> {
    const wait = (claimed.deadline + 1) * 1000 - Date.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    await claimed.requester.sendTonConnect({
        validUntil: nowSeconds() + 60,
        messages: [
            {
                address: claimed.escrow.toString(),
                amount: CLOSE_VALUE.toString(),
                payload: closeTaskMessage().asCell().toBoc().toString('base64'),
            },
        ],
    });
    if (await claimed.chain.escrowState(claimed.escrow)) throw new Error(`the escrow ${claimed.escrow} did not close`);
}
