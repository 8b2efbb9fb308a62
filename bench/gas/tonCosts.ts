// What each escrow action costs its users in TON, every fee included, measured in a fresh sandbox with real
// wallet contracts. Shared by `npm run bench:gas`.
//
// The actors are WalletContractV5R1 wallets (the default of current wallet apps) that send by signed external
// message, as a user's wallet does. The fixture's sandbox treasuries are not used to send: their external
// message runs a small contract with no signature or seqno check (a text claim sent from one burns about
// 0.0032 TON in its own transaction, against 0.0045 from a V5R1 wallet), and receiving costs them about half
// what it costs a wallet. The platform treasury is a V5R1 wallet too, so the fee payment's arrival is real.
//
// Each figure is the sum of every fee burned by the transactions an action causes, from the sender wallet's
// external message to the last arrival: the wallet's import, gas and forwarding fees; the master's and the
// escrow's gas, storage and forwarding fees; and the gas and storage of every wallet that receives a payout, a
// refund, a fee or the unused gas back. Nothing else leaves the users' hands: the budget, the reserve, payouts and
// platform fees move between accounts and are not counted. Each action's sum is checked against the balances:
// every account it touched, added up, lost exactly that much.
import { Address, beginCell, Cell, fromNano, internal, SendMode, toNano, Transaction } from '@ton/core';
import { KeyPair, keyPairFromSeed } from '@ton/crypto';
import { Blockchain, SandboxContract, SendMessageResult } from '@ton/sandbox';
import { WalletContractV5R1 } from '@ton/ton';
import { CLAIM_ATTACHED_VALUE } from '../../backend/src/tasks/taskRules';
import { ESCROW_RESERVE, storeFundTask } from '../../build/EscrowMaster/EscrowMaster_EscrowMaster';
import { storeCloseTask, TaskEscrow } from '../../build/TaskEscrow/TaskEscrow_TaskEscrow';
import { CLOSE_VALUE } from '../../scripts/closeTask';
import { escrowFixture, HOUR } from '../../tests/helpers/escrowFixture';
import { buildClaimRewardBody } from '../../wrappers/claimEncoding';

/**
 * TON each action costs, every fee included, as TON decimal numbers (0.0101 is 10,100,000 nanotons): exact to the
 * nanoton, since each is converted from a bigint with `fromNano`.
 */
export interface TonCostReport {
    /**
     * Funding a task: the requester's wallet transaction, the master's, and the escrow's deployment and set-up
     * (the deploy message's forwarding, which carries the escrow's code, is most of it). This is the sum of the
     * fees on the funding path, not "attached minus what comes back": the budget and the reserve sit in the
     * escrow, and what the reserve later pays (storage, the close) is counted in `closeTon` and `task3Ton`.
     */
    fundTon: number;
    /** A text claim from the executor's own wallet, its payout's arrival included. */
    claimTextTon: number;
    /** A binary ClaimReward from the executor's own wallet, its payout's arrival included. */
    claimBinaryTon: number;
    /**
     * A close after the deadline by the requester, one text claim paid: fees to the treasury, the rest back to
     * the requester. The escrow's storage rent since funding (25 hours here) is in it.
     */
    closeTon: number;
    /**
     * A whole 3-slot task: funding, three text claims by three workers, the last of which closes the escrow and
     * sends the fees and the refund. Everything every party paid beyond the budget's payouts and the platform fee.
     */
    task3Ton: number;
}

/** Where an action's fees went, in nanotons; the parts add up to `total`. */
export interface FeeSplit {
    /** The sender wallet's own transaction: import of its external message, its gas, forwarding its message. */
    wallet: bigint;
    /** Gas of the master's and the escrow's transactions. */
    compute: bigint;
    /** Forwarding of the messages the master and the escrow sent (the escrow's deployment among them). */
    forward: bigint;
    /** Storage rent the master and the escrow paid. */
    storage: bigint;
    /** Transactions of the wallets receiving a payout, a refund, the fees or the unused gas. */
    arrivals: bigint;
    total: bigint;
}

export type TonCostBreakdown = Record<keyof TonCostReport, FeeSplit>;

const BUDGET = toNano('3');
const AMOUNT = toNano('1');
const SLOTS = 3n;
const WALLET_FUNDS = toNano('100');

function noFees(): FeeSplit {
    return { wallet: 0n, compute: 0n, forward: 0n, storage: 0n, arrivals: 0n, total: 0n };
}

function addSplits(a: FeeSplit, b: FeeSplit): FeeSplit {
    return {
        wallet: a.wallet + b.wallet,
        compute: a.compute + b.compute,
        forward: a.forward + b.forward,
        storage: a.storage + b.storage,
        arrivals: a.arrivals + b.arrivals,
        total: a.total + b.total,
    };
}

function described(tx: Transaction) {
    const d = tx.description;
    if (d.type !== 'generic') throw new Error(`unexpected ${d.type} transaction`);
    if (d.aborted) throw new Error(`a transaction on ${accountOf(tx)} aborted; the scenario must run to completion`);
    return d;
}

function accountOf(tx: Transaction): Address {
    const info = tx.inMessage?.info;
    if (!info || info.type === 'external-out') throw new Error('transaction without an inbound message');
    return info.dest;
}

/** Everything `tx` burned: its own fees plus the forwarding fees still owed on the messages it sent. */
function burned(tx: Transaction): bigint {
    let sum = tx.totalFees.coins;
    for (const m of tx.outMessages.values()) if (m.info.type === 'internal') sum += m.info.forwardFee;
    return sum;
}

/** Splits the fees of one transaction; `wallets` are the accounts that are user wallets. */
function splitOf(tx: Transaction, wallets: Address[]): FeeSplit {
    const d = described(tx);
    const total = burned(tx);
    const split = noFees();
    split.total = total;
    if (wallets.some((w) => w.equals(accountOf(tx)))) {
        if (tx.inMessage?.info.type === 'external-in') split.wallet = total;
        else split.arrivals = total;
        return split;
    }
    split.storage = d.storagePhase?.storageFeesCollected ?? 0n;
    split.compute = d.computePhase.type === 'vm' ? d.computePhase.gasFees : 0n;
    split.forward = total - split.storage - split.compute;
    if (split.forward !== (d.actionPhase?.totalFwdFees ?? 0n)) {
        throw new Error(`fees on ${accountOf(tx)} do not split into storage, gas and forwarding`);
    }
    return split;
}

/** A V5R1 wallet in the sandbox that signs and sends one message per external, as a wallet app does. */
class UserWallet {
    private constructor(
        readonly contract: SandboxContract<WalletContractV5R1>,
        private readonly key: KeyPair,
    ) {}

    static async deployed(blockchain: Blockchain, seed: number, fundedBy: (to: Address) => Promise<unknown>) {
        const key = keyPairFromSeed(Buffer.alloc(32, seed));
        const wallet = new UserWallet(
            blockchain.openContract(WalletContractV5R1.create({ workchain: 0, publicKey: key.publicKey })),
            key,
        );
        await fundedBy(wallet.address);
        // The first external message deploys the wallet; measured actions then run on a deployed wallet.
        await wallet.send(wallet.address, toNano('0.01'), beginCell().endCell());
        return wallet;
    }

    get address(): Address {
        return this.contract.address;
    }

    /** Sends `value` with `body` to `to`, as wallet apps do: fees paid apart, bounceable. */
    async send(to: Address, value: bigint, body: Cell): Promise<SendMessageResult> {
        return this.contract.sendTransfer({
            seqno: await this.contract.getSeqno(),
            secretKey: this.key.secretKey,
            messages: [internal({ to, value, bounce: true, body })],
            sendMode: SendMode.PAY_GAS_SEPARATELY | SendMode.IGNORE_ERRORS,
        });
    }
}

export async function measureTonCosts(): Promise<{ report: TonCostReport; breakdown: TonCostBreakdown }> {
    const f = await escrowFixture();
    const { blockchain, master } = f;
    const fundFromOwner = (to: Address) => f.owner.send({ to, value: WALLET_FUNDS, bounce: false });
    const requester = await UserWallet.deployed(blockchain, 21, fundFromOwner);
    const workers = [
        await UserWallet.deployed(blockchain, 22, fundFromOwner),
        await UserWallet.deployed(blockchain, 23, fundFromOwner),
        await UserWallet.deployed(blockchain, 24, fundFromOwner),
    ];
    const platform = await UserWallet.deployed(blockchain, 25, fundFromOwner);
    const wallets = [requester, ...workers, platform].map((w) => w.address);
    await master.send(
        f.owner.getSender(),
        { value: toNano('0.05') },
        { $$type: 'SetTreasury', queryId: 0n, treasury: platform.address },
    );

    /** Runs one action and returns its fee split, after checking it against every balance it touched. */
    async function measured(watched: Address[], act: () => Promise<SendMessageResult>): Promise<FeeSplit> {
        const accounts = [...wallets, master.address, ...watched];
        const balances = async () => Promise.all(accounts.map(async (a) => (await blockchain.getContract(a)).balance));
        const before = await balances();
        const { transactions } = await act();
        for (const tx of transactions) {
            if (!accounts.some((a) => a.equals(accountOf(tx)))) throw new Error(`unexpected account ${accountOf(tx)}`);
        }
        const split = transactions.map((tx) => splitOf(tx, wallets)).reduce(addSplits, noFees());
        const after = await balances();
        const lost = before.reduce((sum, b, i) => sum + b - after[i], 0n);
        if (lost !== split.total) throw new Error(`fees add up to ${split.total}, but the balances fell by ${lost}`);
        return split;
    }

    async function fund(taskId: bigint, deadline: number) {
        const escrow = blockchain.openContract(TaskEscrow.fromAddress(await master.getEscrowAddress(taskId)));
        const body = beginCell()
            .store(
                storeFundTask({
                    $$type: 'FundTask',
                    queryId: 0n,
                    taskId,
                    budget: BUDGET,
                    maxResults: SLOTS,
                    deadline: BigInt(deadline),
                }),
            )
            .endCell();
        const split = await measured([escrow.address], () => requester.send(master.address, BUDGET + ESCROW_RESERVE, body));
        return { escrow, split, fundingId: (await escrow.getState()).fundingId };
    }

    function intent(escrow: Address, fundingId: bigint, taskId: bigint, executor: UserWallet) {
        return f.intentFor(escrow, executor.address, AMOUNT, {
            taskId,
            fundingId,
            validUntil: blockchain.now! + HOUR,
        });
    }

    const claimText = (escrow: Address, fundingId: bigint, taskId: bigint, executor: UserWallet) =>
        measured([escrow], () => executor.send(escrow, CLAIM_ATTACHED_VALUE, intent(escrow, fundingId, taskId, executor).body));

    // One task for the single actions: a text claim (the escrow's first), a binary claim, a close after the deadline.
    const deadline = blockchain.now! + 24 * HOUR;
    const first = await fund(1n, deadline);
    const claimTextSplit = await claimText(first.escrow.address, first.fundingId, 1n, workers[0]);
    const own = intent(first.escrow.address, first.fundingId, 1n, workers[1]);
    const claimBinarySplit = await measured([first.escrow.address], () =>
        workers[1].send(first.escrow.address, CLAIM_ATTACHED_VALUE, buildClaimRewardBody(own.intent, own.signature)),
    );
    blockchain.now = deadline + HOUR;
    const close = beginCell().store(storeCloseTask({ $$type: 'CloseTask', queryId: 0n })).endCell();
    const closeSplit = await measured([first.escrow.address], () => requester.send(first.escrow.address, CLOSE_VALUE, close));

    // A whole task: funding and three text claims; the third fills the last slot and closes the escrow.
    const whole = await fund(2n, blockchain.now + 24 * HOUR);
    let task3 = whole.split;
    for (const worker of workers) task3 = addSplits(task3, await claimText(whole.escrow.address, whole.fundingId, 2n, worker));
    if ((await blockchain.getContract(whole.escrow.address)).accountState?.type === 'active') {
        throw new Error('the third claim of a 3-slot task did not close the escrow');
    }

    const breakdown: TonCostBreakdown = {
        fundTon: first.split,
        claimTextTon: claimTextSplit,
        claimBinaryTon: claimBinarySplit,
        closeTon: closeSplit,
        task3Ton: task3,
    };
    const ton = (split: FeeSplit) => Number(fromNano(split.total));
    return {
        report: {
            fundTon: ton(first.split),
            claimTextTon: ton(claimTextSplit),
            claimBinaryTon: ton(claimBinarySplit),
            closeTon: ton(closeSplit),
            task3Ton: ton(task3),
        },
        breakdown,
    };
}
