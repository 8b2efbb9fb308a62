// Which claims an escrow paid, read from its transactions alone. No I/O: the adapters fetch, this decides.
import { Address, Cell, Transaction } from '@ton/core';
import { loadClaimReward } from '../../../build/TaskEscrow/TaskEscrow_TaskEscrow';
import { CLAIM_REWARD_OPCODE, commentTextOfCell, parseClaimComment } from '../../../wrappers/claimEncoding';
import { ChainError, ClaimSeen } from './chain';

const TEXT_COMMENT_OPCODE = 0;
/** Comments that do not start like this are not claims, whatever else they say. */
const CLAIM_TEXT_START = 'GSTD1 claim ';

/** The successful claims among `transactions` (in any order), oldest first. */
export function claimsOfTransactions(transactions: readonly Transaction[]): ClaimSeen[] {
    return [...transactions]
        .sort((a, b) => (a.lt < b.lt ? -1 : a.lt > b.lt ? 1 : 0))
        .flatMap((tx) => {
            const claim = succeeded(tx) ? claimOf(tx) : null;
            return claim ? [claim] : [];
        });
}

/** Ran to the end: the contract accepted the message and its payouts were sent. */
function succeeded(tx: Transaction): boolean {
    const d = tx.description;
    return (
        d.type === 'generic' &&
        !d.aborted &&
        d.computePhase.type === 'vm' &&
        d.computePhase.success &&
        d.actionPhase?.success === true
    );
}

function claimOf(tx: Transaction): ClaimSeen | null {
    const message = tx.inMessage;
    if (!message || message.info.type !== 'internal' || message.info.bounced) return null;
    const body = message.body.beginParse();
    if (body.remainingBits < 32) return null;
    const opcode = body.preloadUint(32);
    if (opcode !== TEXT_COMMENT_OPCODE && opcode !== CLAIM_REWARD_OPCODE) return null;
    // The escrow accepted this message, so it paid someone: a body we cannot read would hide a payment.
    try {
        if (opcode === CLAIM_REWARD_OPCODE) {
            const claim = loadClaimReward(message.body.beginParse());
            return seen(tx, claim.executor, claim.amount);
        }
        return textClaim(tx, message.body, message.info.src);
    } catch (err) {
        throw new ChainError(
            `escrow transaction ${tx.hash().toString('hex')} succeeded with a claim this service cannot read: ` +
                (err instanceof Error ? err.message : String(err)),
            { cause: err },
        );
    }
}

/** A text claim pays its sender. */
function textClaim(tx: Transaction, body: Cell, sender: Address): ClaimSeen | null {
    const text = commentTextOfCell(body);
    if (!text.startsWith(CLAIM_TEXT_START)) return null;
    return seen(tx, sender, parseClaimComment(text).amount);
}

function seen(tx: Transaction, executor: Address, amount: bigint): ClaimSeen {
    return { executor, amount, lt: tx.lt, txHash: tx.hash().toString('hex') };
}
