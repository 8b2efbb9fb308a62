// "Rejected, and nothing changed": the abort with its exit code, the bounce that returns the value minus gas,
// and a re-read of the contract's state and of every watched balance.
import { Address } from '@ton/core';
import { Blockchain, SendMessageResult } from '@ton/sandbox';
import { findTransactionRequired } from '@ton/test-utils';
import { plain } from './plain';
import { balanceOf, costToSender, feesBurned, inboundValue, sentMessages, storageFees } from './valueFlow';

/** A contract under test, how to read its state, and the named accounts whose balances must not move. */
export interface Watch {
    blockchain: Blockchain;
    contract: Address;
    readState: () => Promise<object>;
    parties: Record<string, Address>;
}

export interface Snapshot {
    state: unknown;
    balances: Record<string, bigint>;
}

export async function snapshot(watch: Watch): Promise<Snapshot> {
    const balances: Record<string, bigint> = {};
    for (const [name, address] of Object.entries(watch.parties)) {
        balances[name] = await balanceOf(watch.blockchain, address);
    }
    return { state: plain(await watch.readState()), balances };
}

/**
 * Asserts that the message `from` sent to the watched contract aborted with `exitCode` and changed nothing:
 * the only message it produced is the bounce to `from`, carrying the attached value minus the gas and the
 * forwarding fee; the state reads the same; the contract's balance moved only by the storage fee it owed;
 * the sender lost only the fees of the round trip; every other watched balance is exactly as before.
 */
export async function expectRejected(
    result: SendMessageResult,
    watch: Watch,
    before: Snapshot,
    from: Address,
    exitCode: bigint,
): Promise<void> {
    expect(result.transactions).toHaveTransaction({
        from,
        to: watch.contract,
        aborted: true,
        exitCode: Number(exitCode),
    });
    const rejected = findTransactionRequired(result.transactions, { from, to: watch.contract });

    const sent = sentMessages(rejected);
    expect(sent).toHaveLength(1);
    const [bounce] = sent;
    expect(bounce.to.equals(from)).toBe(true);
    expect(bounce.bounced).toBe(true);
    // Storage the contract owed comes out of its own balance; everything else comes out of the bounced value.
    expect(bounce.value).toBe(inboundValue(rejected) - (feesBurned(rejected) - storageFees(rejected)));
    expect(result.transactions).toHaveTransaction({ from: watch.contract, to: from, inMessageBounced: true });

    const after = await snapshot(watch);
    expect(after.state).toEqual(before.state);
    const expected = { ...before.balances };
    for (const [name, address] of Object.entries(watch.parties)) {
        if (address.equals(watch.contract)) expected[name] -= storageFees(rejected);
        if (address.equals(from)) expected[name] -= costToSender(result.transactions, from);
    }
    expect(after.balances).toEqual(expected);
}
