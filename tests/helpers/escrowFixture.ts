// Fresh sandbox with a deployed EscrowMaster and named actors; helpers to fund tasks and sign intents.
import { Blockchain, SandboxContract, TreasuryContract } from '@ton/sandbox';
import { Address, toNano } from '@ton/core';
import { KeyPair, keyPairFromSeed } from '@ton/crypto';
import { EscrowMaster } from '../../build/EscrowMaster/EscrowMaster_EscrowMaster';
import { ESCROW_RESERVE, TaskEscrow } from '../../build/TaskEscrow/TaskEscrow_TaskEscrow';
import {
    buildClaimComment,
    claimCommentCell,
    MAINNET_GLOBAL_ID,
    PayoutIntent,
    signIntent,
} from '../../wrappers/claimEncoding';

/** Sandbox clock at the start of every test: 2026-01-01T00:00:00Z. */
export const T0 = 1_767_225_600;
export const HOUR = 3600;

export interface FixtureOptions {
    feeBps?: bigint;
    stopped?: boolean;
    /** Workchain of the treasury the master is deployed with; the master refuses to fund for any but 0. */
    treasuryWorkchain?: number;
}

export interface TaskTerms {
    taskId: bigint;
    budget: bigint;
    maxResults: bigint;
    deadline: bigint;
    value?: bigint;
}

export async function escrowFixture(options: FixtureOptions = {}) {
    const blockchain = await Blockchain.create();
    blockchain.now = T0;
    const owner = await blockchain.treasury('owner');
    const treasury = await blockchain.treasury('treasury', { workchain: options.treasuryWorkchain ?? 0 });
    const requester = await blockchain.treasury('requester');
    const worker = await blockchain.treasury('worker');
    const worker2 = await blockchain.treasury('worker2');
    const stranger = await blockchain.treasury('stranger');
    const relayer = await blockchain.treasury('relayer');
    const backendKey: KeyPair = keyPairFromSeed(Buffer.alloc(32, 7));

    const master = blockchain.openContract(
        await EscrowMaster.fromInit(
            owner.address,
            null,
            treasury.address,
            BigInt('0x' + backendKey.publicKey.toString('hex')),
            options.feeBps ?? 500n,
            options.stopped ?? false,
        ),
    );
    await master.send(owner.getSender(), { value: toNano('1') }, null);

    // Funding id of every escrow this fixture funded, so intents can be signed without a getter call.
    const fundingIds = new Map<string, bigint>();

    /** Sends FundTask from `from` (the requester by default) and returns the escrow it addresses. */
    async function fundTask(terms: Partial<TaskTerms> = {}, from: SandboxContract<TreasuryContract> = requester) {
        const t: TaskTerms = {
            taskId: 42n,
            budget: toNano('3'),
            maxResults: 3n,
            deadline: BigInt(T0 + 24 * HOUR),
            ...terms,
        };
        const result = await master.send(
            from.getSender(),
            { value: t.value ?? t.budget + ESCROW_RESERVE },
            {
                $$type: 'FundTask',
                queryId: 1n,
                taskId: t.taskId,
                budget: t.budget,
                maxResults: t.maxResults,
                deadline: t.deadline,
            },
        );
        const escrow = blockchain.openContract(TaskEscrow.fromAddress(await master.getEscrowAddress(t.taskId)));
        const account = await blockchain.getContract(escrow.address);
        if (account.accountState?.type === 'active') {
            fundingIds.set(escrow.address.toRawString(), (await escrow.getState()).fundingId);
        }
        return { result, escrow, terms: t };
    }

    /** A signed intent for `executor` on `escrow`, and the comment and body that carry it. */
    function intentFor(
        escrow: Address,
        executor: Address,
        amount: bigint,
        opts: { taskId?: bigint; validUntil?: number; key?: KeyPair; globalId?: number; fundingId?: bigint } = {},
    ) {
        const intent: PayoutIntent = {
            globalId: opts.globalId ?? MAINNET_GLOBAL_ID,
            escrow,
            fundingId: opts.fundingId ?? fundingIdOf(escrow),
            executor,
            taskId: opts.taskId ?? 42n,
            amount,
            validUntil: opts.validUntil ?? T0 + HOUR,
        };
        const signature = signIntent(intent, (opts.key ?? backendKey).secretKey);
        const comment = buildClaimComment({ ...intent, signature });
        return { intent, signature, comment, body: claimCommentCell(comment) };
    }

    /** Funding id of an escrow this fixture funded (0 if it funded none there). */
    const fundingIdOf = (escrow: Address) => fundingIds.get(escrow.toRawString()) ?? 0n;

    return {
        blockchain,
        owner,
        treasury,
        requester,
        worker,
        worker2,
        stranger,
        relayer,
        backendKey,
        master,
        fundTask,
        intentFor,
        fundingIdOf,
    };
}

export type EscrowFixture = Awaited<ReturnType<typeof escrowFixture>>;
