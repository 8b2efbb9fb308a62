// sendBoc and sendBocReturnHash: an external message into the chain. Unlike toncenter, which answers once a
// liteserver accepts the message, the devnet answers after the whole chain of transactions it starts has run, so a
// client reading right after sees the outcome.
import { beginCell, Cell, loadMessage, Message, storeMessage } from '@ton/core';
import { Blockchain, EmulationError } from '@ton/sandbox';
import { inTurn } from './chainTurns';
import { followWallClock } from './devnetClock';
import { badParameter, liteServerError } from './toncenterError';

/** The external inbound message a BOC holds, or a 422 saying what it holds instead. */
export function externalMessageOf(root: Cell): Message {
    let message: Message;
    try {
        message = loadMessage(root.beginParse());
    } catch (err) {
        throw badParameter(`parameter "boc" is not a message: ${(err as Error).message}`);
    }
    if (message.info.type !== 'external-in') {
        throw badParameter(`parameter "boc" must hold an external inbound message, got ${message.info.type}`);
    }
    return message;
}

/** Runs `message` and everything it causes; a message its contract refuses fails as toncenter reports it. */
export async function sendExternal(blockchain: Blockchain, message: Message): Promise<void> {
    await inTurn(blockchain, async () => {
        followWallClock(blockchain);
        try {
            await blockchain.sendMessage(message);
        } catch (err) {
            if (!(err instanceof EmulationError)) throw err;
            const exit = err.exitCode === undefined ? '' : `: exitcode=${err.exitCode}`;
            throw liteServerError(
                `cannot apply external message to current state : External message was not accepted (${err.error}${exit})`,
            );
        }
    });
}

/**
 * The hash toncenter's sendBocReturnHash calls `hash_norm`: of the message with its source, import fee and state
 * init left out and its body as a reference, so it names the message however a wallet chose to serialize it.
 */
export function normalizedHash(message: Message): Buffer {
    if (message.info.type !== 'external-in') throw new Error('only external inbound messages have a normalized hash');
    const normalized: Message = {
        info: { type: 'external-in', dest: message.info.dest, importFee: 0n },
        init: null,
        body: message.body,
    };
    return beginCell().store(storeMessage(normalized, { forceRef: true })).endCell().hash();
}
