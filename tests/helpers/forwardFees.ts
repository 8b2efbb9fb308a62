// Forwarding fees as the chain charges them, computed from the network's message prices (config param 25).
import { Dictionary, Message } from '@ton/core';
import { Blockchain } from '@ton/sandbox';
import { computeFwdFees, configParseMsgPrices, MsgPrices } from '@ton/ton';

/** The basechain's message prices. Parsing the config is slow: read them once per suite. */
export function messagePrices(blockchain: Blockchain): MsgPrices {
    const config = Dictionary.loadDirect(Dictionary.Keys.Int(32), Dictionary.Values.Cell(), blockchain.config);
    return configParseMsgPrices(config.get(25)!.beginParse());
}

/**
 * The full forwarding fee of a message with no body and no state init, as its sender pays it: the lump price
 * alone. Every payout, fee and refund the escrow sends is such a message.
 */
export function bodilessForwardFee(prices: MsgPrices, message: Message): bigint {
    if (message.init || message.body.bits.length > 0 || message.body.refs.length > 0) {
        throw new Error('message has a body or a state init');
    }
    return computeFwdFees(prices, 0n, 0n);
}
