// Request values that schemas alone cannot check: addresses, nanoton amounts, task ids.
import { Address } from '@ton/core';
import { MAX_TASK_ID } from '../../../wrappers/claimEncoding';
import { ServiceError } from '../service/serviceError';

/** A TON address in friendly or raw form, normalised; a 400 naming the field otherwise. */
export function parseAddressField(value: string, field: string): Address {
    try {
        return Address.parse(value);
    } catch {
        throw new ServiceError('invalid', 'BAD_ADDRESS', `${field} is not a TON address`);
    }
}

/** A task id as the URL or body spells it: decimal, at most MAX_TASK_ID, no leading zeros. */
export function parseTaskIdField(value: string): string {
    if (!/^(0|[1-9][0-9]{0,18})$/.test(value) || BigInt(value) > MAX_TASK_ID) {
        throw new ServiceError('invalid', 'BAD_TASK_ID', 'a task id is a decimal integer below 10^19');
    }
    return value;
}
