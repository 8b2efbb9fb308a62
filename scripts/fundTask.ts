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
//
// Before sending it checks what the master would refuse (funding stopped, a deadline past or more than
// MAX_TASK_DURATION away, a wallet off the basechain), a task that already has a funded escrow, and that the wallet
// can pay; any of these refuses with one line and sends nothing.
import { Address, Transaction } from '@ton/core';
import { NetworkProvider } from '@ton/blueprint';
import {
    ESCROW_RESERVE,
    loadFundingReturned,
    MasterConfig,
    MAX_TASK_DURATION,
} from '../build/EscrowMaster/EscrowMaster_EscrowMaster';
import { STATUS_OPEN } from '../build/TaskEscrow/TaskEscrow_TaskEscrow';
import { awaitArrival, sendAndAwait } from '../scriptSupport/arrival';
import { escrowOfTask, openMaster } from '../scriptSupport/contracts';
import { describeTime, networkNow } from '../scriptSupport/networkTime';
import { requireAccepted, valueSentTo } from '../scriptSupport/outcome';
import { parseAddress, parseBudget, parseResultSlots, parseTaskId, parseUnixTime } from '../scriptSupport/parse';
import { formatAddress, formatTon, printEscrowState } from '../scriptSupport/print';
import { runScript } from '../scriptSupport/runScript';
import { refuseIf, ScriptError } from '../scriptSupport/scriptError';
import { senderAddress } from '../scriptSupport/sender';
import { expectArgs } from '../scriptSupport/usage';
import { requireSpendable } from '../scriptSupport/wallet';

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
        budget: parseBudget(budget),
        maxResults: parseResultSlots(slots),
        deadline: parseUnixTime(deadline, 'deadline'),
    };
}

/** FundTask's checks in contracts/escrow_master.tact that depend on the master and the clock, not the arguments. */
function checkFundingRules(config: MasterConfig, terms: FundingTerms, requester: Address, now: bigint): void {
    refuseIf(config.stopped, () => 'the master has stopped new funding (ERR_FUNDING_STOPPED)');
    refuseIf(config.feeBps > config.maxFeeBps, () => `the master's fee ${config.feeBps} bps is above its cap (ERR_FEE_TOO_HIGH)`);
    refuseIf(config.treasury.workChain !== 0, () => "the master's treasury is off the basechain (ERR_TREASURY_NOT_BASECHAIN)");
    refuseIf(requester.workChain !== 0, () => 'the sending wallet is off the basechain (ERR_REQUESTER_NOT_BASECHAIN)');
    const deadline = describeTime(terms.deadline, now);
    refuseIf(terms.deadline <= now, () => `the deadline ${deadline} has passed (ERR_DEADLINE_PAST)`);
    refuseIf(
        terms.deadline > now + MAX_TASK_DURATION,
        () => `the deadline ${deadline} is more than ${MAX_TASK_DURATION} s (366 days) away (ERR_DEADLINE_TOO_FAR)`,
    );
}

/** Sends FundTask with budget + ESCROW_RESERVE, waits for the escrow to take the funds; returns its address. */
export async function fundTask(provider: NetworkProvider, terms: FundingTerms): Promise<Address> {
    const requester = senderAddress(provider);
    const value = terms.budget + ESCROW_RESERVE;
    await requireSpendable(provider, value);
    const master = await openMaster(provider, terms.master);
    checkFundingRules(await master.getConfig(), terms, requester, networkNow(provider));
    const escrow = await escrowOfTask(provider, master, terms.taskId);
    const escrowBefore = await provider.getContractState(escrow.address);
    if (escrowBefore.state.type === 'active') {
        const state = await escrow.getState();
        refuseIf(
            state.status === STATUS_OPEN,
            () =>
                `task ${terms.taskId} already has a funded escrow at ${formatAddress(provider, escrow.address)}; ` +
                'a second funding would only be returned (FundingReturned)',
        );
    }
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
    requireAccepted(atMaster, 'FundTask', 'EscrowMaster', requester);
    const atEscrow = await awaitArrival(provider, escrow.address, master.address, escrowBefore);
    requireAccepted(atEscrow, 'SetupEscrow', 'TaskEscrow');
    if (atEscrow.kind === 'processed' && returnedFunding(atEscrow.transaction)) {
        const returned = valueSentTo(atEscrow.transaction, requester);
        throw new ScriptError(
            `task ${terms.taskId} was funded by someone else meanwhile, at ${formatAddress(provider, escrow.address)}; ` +
                `the escrow kept its terms and returned ${formatTon(returned)} to you (FundingReturned)`,
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

export const run = runScript((provider, args) => fundTask(provider, parseFundArgs(args)));
