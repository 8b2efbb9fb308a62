// Addresses as people see them: user-friendly base64 (UQ…/EQ…, 0Q…/kQ… on testnet) from whatever form the API
// sends (wallets raw, contracts already friendly). Wallets are shown non-bounceable, contracts bounceable.
import { Address } from '@ton/core';

export type AddressKind = 'wallet' | 'contract';

export function friendlyAddress(address: string, kind: AddressKind, network: string | undefined): string {
    try {
        return Address.parse(address).toString({ bounceable: kind === 'contract', testOnly: network === '-3', urlSafe: true });
    } catch {
        return address;
    }
}

/** "UQAb…x9Zk": enough to recognise, short enough for a phone; the full form goes in a title or copy button. */
export function shortAddress(friendly: string): string {
    return friendly.length > 14 ? `${friendly.slice(0, 6)}…${friendly.slice(-6)}` : friendly;
}
