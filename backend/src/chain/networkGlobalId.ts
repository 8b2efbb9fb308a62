// The network's global id, read from the toncenter endpoint (wrappers/networkGlobalId.ts), refused as a ChainError
// that names the endpoint.
import { readNetworkGlobalId } from '../../../wrappers/networkGlobalId';
import { ChainError } from './chain';

export async function networkGlobalId(endpoint: string, apiKey?: string): Promise<number> {
    try {
        return await readNetworkGlobalId(endpoint, apiKey);
    } catch (err) {
        throw new ChainError(`toncenter at ${new URL(endpoint).origin}: ${(err as Error).message}`, { cause: err });
    }
}
