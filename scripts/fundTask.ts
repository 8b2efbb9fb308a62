// Funds a task: one FundTask message to the master deploys the task's escrow holding the budget.
// Prints the escrow address (as the master reports it) and the escrow's state.
//
//   npx blueprint run fundTask <master> <task id> <budget in TON> <result slots> <deadline>
//
//   budget        in TON, as a decimal string with up to 9 decimals: "2.5" is 2500000000 nanotons.
//                 The message carries budget + ESCROW_RESERVE (0.06 TON, gas and storage); what the reserve
//                 does not use returns to the requester (the sender) when the task closes.
//   result slots  how many executors may be paid, 1..32
//   deadline      unix seconds; claims stop after it and anyone may then close the task
import { Address, Transaction } from '@ton/core';
import { NetworkProvider } from '@ton/blueprint';
import { ESCROW_RESERVE, loadFundingReturned } from '../build/EscrowMaster/EscrowMaster_EscrowMaster';
import { awaitArrival, sendAndAwait } from '../scriptSupport/arrival';
import { escrowOfTask, openMaster } from '../scriptSupport/contracts';
import { requireAccepted } from '../scriptSupport/outcome';
import { parseAddress, parseResultSlots, parseTaskId, parseTon, parseUnixTime } from '../scriptSupport/parse';
import { formatAddress, formatTon, printEscrowState } from '../scriptSupport/print';
import { expectArgs } from '../scriptSupport/usage';

const USAGE = 'fundTask <master address> <task id> <budget in TON, e.g. 2.5> <result slots, 1..32> <deadline, unix seconds>';

export interface FundingTerms {
    master: Address;
    taskId: bigint;
    budget: bigint;
    maxResults: bigint;
    deadline: bigint;
}

export function parseFundArgs(args: string[]): FundingTerms {
    const [master, taskId, budget, slots, deadline] = expectArgs(
        args,
        ['master', 'task id', 'budget in TON', 'result slots', 'deadline'],
        USAGE,
    );
    return {
        master: parseAddress(master, 'master'),
        taskId: parseTaskId(taskId),
        budget: parseTon(budget, 'budget'),
        maxResults: parseResultSlots(slots),
        deadline: parseUnixTime(deadline, 'deadline'),
    };
}

/** Sends FundTask with budget + ESCROW_RESERVE, waits for the escrow to take the funds; returns its address. */
export async function fundTask(provider: NetworkProvider, terms: FundingTerms): Promise<Address> {
    const master = await openMaster(provider, terms.master);
    const escrow = await escrowOfTask(provider, master, terms.taskId);
    const escrowBefore = await provider.getContractState(escrow.address);
    const value = terms.budget + ESCROW_RESERVE;
    provider.ui().write(
        `Funding task ${terms.taskId} with ${formatTon(value)}: budget ${formatTon(terms.budget)} + reserve.`,
    );

    const atMaster = await sendAndAwait(provider, master.address, () =>
        master.send(
            provider.sender(),
            { value },
            {
                $$type: 'FundTask',
                queryId: 0n,
                taskId: terms.taskId,
                budget: terms.budget,
                maxResults: terms.maxResults,
                deadline: terms.deadline,
            },
        ),
    );
    requireAccepted(atMaster, 'FundTask', 'EscrowMaster');
    const atEscrow = await awaitArrival(provider, escrow.address, master.address, escrowBefore);
    requireAccepted(atEscrow, 'SetupEscrow', 'TaskEscrow');
    if (atEscrow.kind === 'processed' && returnedFunding(atEscrow.transaction)) {
        throw new Error(
            `task ${terms.taskId} already has a funded escrow at ${formatAddress(provider, escrow.address)}; ` +
                'it returned your value (FundingReturned) and kept its terms',
        );
    }
    provider.ui().write(`Task ${terms.taskId} funded: escrow ${formatAddress(provider, escrow.address)}`);
    printEscrowState(provider, escrow.address, await escrow.getState());
    return escrow.address;
}

/** Whether the escrow answered with FundingReturned: the task had been funded before. */
function returnedFunding(tx: Transaction): boolean {
    return [...tx.outMessages.values()].some((m) => {
        try {
            loadFundingReturned(m.body.beginParse());
            return true;
        } catch {
            return false;
        }
    });
}

export async function run(provider: NetworkProvider, args: string[]) {
    await fundTask(provider, parseFundArgs(args));
}
