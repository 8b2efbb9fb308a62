// Parsers for command-line values. Money is bigint nanotons, parsed from decimal strings, never through floats.
import { Address, toNano } from '@ton/core';
import { MAX_AMOUNT, MAX_FEE_BPS, MAX_RESULT_SLOTS, MAX_TASK_ID } from '../build/EscrowMaster/EscrowMaster_EscrowMaster';
import { UsageError } from './usage';

const UINT32_MAX = 2n ** 32n - 1n;

/** Any address form `Address.parse` accepts (friendly EQ…/UQ…/kQ… or raw 0:…). */
export function parseAddress(text: string, what: string): Address {
    try {
        return Address.parse(text);
    } catch {
        throw new UsageError(`${what}: "${text}" is not a TON address`);
    }
}

/** A non-negative decimal integer no larger than `max`. */
export function parseUint(text: string, what: string, max: bigint): bigint {
    if (!/^\d+$/.test(text)) throw new UsageError(`${what}: "${text}" is not a whole number (digits only)`);
    const value = BigInt(text);
    if (value > max) throw new UsageError(`${what}: ${text} is above the maximum ${max}`);
    return value;
}

export function parseTaskId(text: string): bigint {
    return parseUint(text, 'task id', MAX_TASK_ID);
}

/** An amount in TON: digits with an optional point and up to 9 decimals ("2.5" is 2500000000 nanotons). */
export function parseTon(text: string, what: string): bigint {
    if (!/^\d+(\.\d{1,9})?$/.test(text)) {
        throw new UsageError(
            `${what}: "${text}" is not an amount in TON (digits, optionally "." and up to 9 decimals, e.g. 2.5)`,
        );
    }
    return toNano(text);
}

/** A task's budget in TON: above zero and at most MAX_AMOUNT nanotons, as the master requires. */
export function parseBudget(text: string): bigint {
    const budget = parseTon(text, 'budget');
    if (budget === 0n) throw new UsageError('budget: a task needs a budget above 0');
    if (budget > MAX_AMOUNT) throw new UsageError(`budget: ${budget} nanotons is above the maximum ${MAX_AMOUNT}`);
    return budget;
}

/** An amount in nanotons: digits only. */
export function parseNanotons(text: string, what: string): bigint {
    if (!/^\d+$/.test(text)) throw new UsageError(`${what}: "${text}" is not an amount in nanotons (digits only)`);
    return BigInt(text);
}

/** Unix time in seconds, as the contracts store it (uint32). */
export function parseUnixTime(text: string, what: string): bigint {
    return parseUint(text, `${what} (unix seconds)`, UINT32_MAX);
}

/** Fee in basis points, at most MAX_FEE_BPS (20%). */
export function parseFeeBps(text: string): bigint {
    return parseUint(text, 'fee in basis points', MAX_FEE_BPS);
}

/** Result slots of a task: 1..MAX_RESULT_SLOTS. */
export function parseResultSlots(text: string): bigint {
    const slots = parseUint(text, 'result slots', MAX_RESULT_SLOTS);
    if (slots === 0n) throw new UsageError('result slots: a task needs at least one');
    return slots;
}

/** An ed25519 public key: 64 hex characters, not all zero. */
export function parseBackendKey(text: string): bigint {
    if (!/^[0-9a-fA-F]{64}$/.test(text)) {
        throw new UsageError(`backend public key: expected 64 hex characters, got "${text}" (${text.length} characters)`);
    }
    const key = BigInt('0x' + text);
    if (key === 0n) throw new UsageError('backend public key: the zero key cannot sign anything');
    return key;
}
