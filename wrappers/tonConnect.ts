// TonConnect `sendTransaction` requests for the two things users sign: funding a task and claiming a reward.
// Built from the same encoders the contracts are tested against, so a wallet sends exactly what they parse.
import { Address, beginCell } from '@ton/core';
import { ESCROW_RESERVE, storeFundTask } from '../build/EscrowMaster/EscrowMaster_EscrowMaster';
import { claimCommentPayload, TESTNET_GLOBAL_ID, MAINNET_GLOBAL_ID } from './claimEncoding';

export interface TonConnectMessage {
    /** User-friendly, bounceable (contracts expect bounces), test-only flagged on testnet. */
    address: string;
    /** Nanotons, as a decimal string. */
    amount: string;
    /** Base64 BOC of the message body. */
    payload?: string;
}

export interface TonConnectTransaction {
    /** Unix seconds after which the wallet must refuse to send it. */
    validUntil: number;
    /** '-239' (mainnet) or '-3' (testnet); absent on a local chain, whose id wallets do not know. */
    network?: string;
    messages: TonConnectMessage[];
}

export function friendlyContractAddress(address: Address, globalId: number): string {
    return address.toString({ bounceable: true, urlSafe: true, testOnly: globalId === TESTNET_GLOBAL_ID });
}

function networkOf(globalId: number): string | undefined {
    return globalId === MAINNET_GLOBAL_ID || globalId === TESTNET_GLOBAL_ID ? String(globalId) : undefined;
}

export interface FundingTerms {
    taskId: bigint;
    budget: bigint;
    maxResults: bigint;
    deadline: bigint;
}

/** The requester's transaction: FundTask to the master with budget + ESCROW_RESERVE attached. */
export function fundingTransaction(master: Address, terms: FundingTerms, globalId: number, validUntil: number): TonConnectTransaction {
    const body = beginCell()
        .store(storeFundTask({ $$type: 'FundTask', queryId: 0n, ...terms }))
        .endCell();
    return {
        validUntil,
        network: networkOf(globalId),
        messages: [
            {
                address: friendlyContractAddress(master, globalId),
                amount: (terms.budget + ESCROW_RESERVE).toString(),
                payload: body.toBoc().toString('base64'),
            },
        ],
    };
}

/**
 * The executor's transaction: the claim comment to the escrow, with `attached` nanotons for gas. `payload` is the
 * comment's cell as base64 BOC when the caller already has it (building it hashes cells, which adds up per request).
 */
export function claimTransaction(
    escrow: Address,
    comment: string,
    attached: bigint,
    globalId: number,
    validUntil: number,
    payload: string = claimCommentPayload(comment),
): TonConnectTransaction {
    return {
        validUntil,
        network: networkOf(globalId),
        messages: [{ address: friendlyContractAddress(escrow, globalId), amount: attached.toString(), payload }],
    };
}
