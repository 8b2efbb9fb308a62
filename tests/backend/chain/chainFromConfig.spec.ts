// The service's chain from its configuration: always toncenter's API, with the global id intents are signed for
// named by TON_NETWORK, or read from the endpoint (config parameter 19) when TON_NETWORK is unset, as on the devnet.
import { Address } from '@ton/core';
import { Blockchain } from '@ton/sandbox';
import { chainFromConfig } from '../../../backend/src/chain/chainFromConfig';
import { ChainError } from '../../../backend/src/chain/chain';
import { networkGlobalId } from '../../../backend/src/chain/networkGlobalId';
import { MAINNET_GLOBAL_ID, TESTNET_GLOBAL_ID } from '../../../wrappers/claimEncoding';
import { sandboxGlobalId } from '../../../devnet/src/networkConfig';
import { startToncenterStub, ToncenterStub } from './toncenterStub';

const MASTER = new Address(0, Buffer.alloc(32, 1)).toString();

describe('chainFromConfig', () => {
    let blockchain: Blockchain;
    let stub: ToncenterStub;

    beforeEach(async () => {
        blockchain = await Blockchain.create();
        stub = await startToncenterStub(blockchain, { apiKey: 'k' });
    });

    afterEach(async () => {
        await stub.close();
    });

    it('reads the global id from the endpoint when TON_NETWORK is unset', async () => {
        const { chain, description } = await chainFromConfig({ endpoint: stub.url, apiKey: 'k', master: MASTER });
        expect(chain.globalId).toBe(sandboxGlobalId(blockchain));
        expect(stub.calls).toEqual(['getConfigParam']);
        expect(description).toBe(`global id ${sandboxGlobalId(blockchain)} via ${new URL(stub.url).host}`);
    });

    it.each([
        ['testnet', TESTNET_GLOBAL_ID],
        ['mainnet', MAINNET_GLOBAL_ID],
    ] as const)('signs for %s without asking the endpoint when TON_NETWORK names it', async (network, id) => {
        const { chain } = await chainFromConfig({ endpoint: stub.url, apiKey: 'k', master: MASTER, network });
        expect(chain.globalId).toBe(id);
        expect(stub.calls).toEqual([]);
    });

    it('fails with a ChainError naming the endpoint when it cannot say its global id', async () => {
        const refused = networkGlobalId(stub.url, 'wrong key');
        await expect(refused).rejects.toThrow(ChainError);
        await expect(refused).rejects.toThrow(/toncenter at http:\/\/127\.0\.0\.1:\d+: no config parameter 19 .*API key/);
        await expect(networkGlobalId('http://127.0.0.1:1/api/v2/jsonRPC')).rejects.toThrow(/reading config parameter 19 failed/);
    });
});
