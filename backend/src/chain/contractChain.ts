// ChainAdapter over anything that opens a @ton/core ContractProvider and lists an account's transactions: the
// generated wrappers' getters do the reading, so the sandbox and toncenter answer through the same code.
import { Address, ContractProvider, Transaction } from '@ton/core';
import { EscrowMaster } from '../../../build/EscrowMaster/EscrowMaster_EscrowMaster';
import { STATUS_OPEN, STATUS_UNFUNDED, TaskEscrow } from '../../../build/TaskEscrow/TaskEscrow_TaskEscrow';
import { MAX_TASK_ID } from '../../../wrappers/claimEncoding';
import { ChainAdapter, ChainError, EscrowSnapshot, MasterSnapshot } from './chain';
import { claimsOfTransactions } from './claimsOfTransactions';

export interface ChainAccess {
    /** Names the chain in error messages, e.g. `sandbox` or `toncenter at https://…`. */
    name: string;
    globalId: number;
    master: Address;
    provider(address: Address): ContractProvider;
    /** Every transaction the account has had, in any order. */
    transactionsOf(address: Address): Promise<Transaction[]>;
}

export function contractChain(access: ChainAccess): ChainAdapter {
    const master = EscrowMaster.fromAddress(access.master);

    /** Runs one read, turning any failure into a ChainError that says which chain and what was asked. */
    async function ask<T>(what: string, read: () => Promise<T>): Promise<T> {
        try {
            return await read();
        } catch (err) {
            const reason = err instanceof Error ? err.message : String(err);
            throw new ChainError(`${access.name}: reading ${what} failed: ${reason}`, { cause: err });
        }
    }

    return {
        globalId: access.globalId,
        masterAddress: access.master,

        masterConfig: () =>
            ask(`the config of master ${access.master}`, async (): Promise<MasterSnapshot> => {
                const config = await master.getConfig(access.provider(access.master));
                const { owner, treasury, backendKey, feeBps, stopped } = config;
                return { owner, treasury, backendKey, feeBps, stopped };
            }),

        escrowAddress: async (taskId) => {
            // The contract refuses these ids anyway; saying so here beats a getter failure from the chain.
            if (taskId < 0n || taskId > MAX_TASK_ID) throw new RangeError(`task id out of range: ${taskId}`);
            return ask(`the escrow address of task ${taskId}`, () =>
                master.getEscrowAddress(access.provider(access.master), taskId),
            );
        },

        escrowState: (escrow) =>
            ask(`the state of escrow ${escrow}`, () => readEscrow(access.provider(escrow), escrow)),

        claimsOf: (escrow) =>
            ask(`the claims of escrow ${escrow}`, async () =>
                claimsOfTransactions(await access.transactionsOf(escrow)),
            ),
    };
}

/** The escrow's terms, or null while none hold: nothing deployed, destroyed on close, or deployed but not funded. */
async function readEscrow(provider: ContractProvider, address: Address): Promise<EscrowSnapshot | null> {
    const account = await provider.getState();
    if (account.state.type !== 'active') return null;
    const s = await TaskEscrow.fromAddress(address).getState(provider);
    if (s.status === STATUS_UNFUNDED) return null;
    if (s.status !== STATUS_OPEN || !s.requester || !s.treasury) {
        throw new Error(`unexpected escrow state: status ${s.status}, requester ${s.requester}`);
    }
    return {
        address,
        master: s.master,
        taskId: s.taskId,
        requester: s.requester,
        treasury: s.treasury,
        backendKey: s.backendKey,
        feeBps: s.feeBps,
        maxResults: s.maxResults,
        deadline: s.deadline,
        fundingId: s.fundingId,
        budget: s.budget,
        slotsUsed: s.slotsUsed,
        remaining: s.remaining,
        feesAccrued: s.feesAccrued,
    };
}
