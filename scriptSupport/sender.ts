import { Address } from '@ton/core';
import { NetworkProvider } from '@ton/blueprint';
import { ScriptError } from './scriptError';

/** The wallet the provider sends from; every action needs it (as owner, requester, executor or closer). */
export function senderAddress(provider: NetworkProvider): Address {
    const address = provider.sender().address;
    if (!address) throw new ScriptError('the sender has no address: connect a wallet first');
    return address;
}
