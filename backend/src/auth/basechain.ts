// The escrow pays only basechain (workchain 0) executors, so the service logs in and signs for nothing else.
import { Address } from '@ton/core';

export const BASECHAIN = 0;

export function isBasechain(address: Address): boolean {
    return address.workChain === BASECHAIN;
}
