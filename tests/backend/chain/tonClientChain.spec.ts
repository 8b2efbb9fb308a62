import { Address, toNano } from '@ton/core';
import { SandboxContract, TreasuryContract } from '@ton/sandbox';
import { ChainError } from '../../../backend/src/chain/chain';
import { sandboxGlobalId } from '../../../devnet/src/networkConfig';
import { tonClientChain, TonClientChainOptions } from '../../../backend/src/chain/tonClientChain';
import { EscrowFixture, escrowFixture } from '../../helpers/escrowFixture';
import { behavesAsEscrowChain } from './chainBehaviour';
import { startToncenterStub, ToncenterStub } from './toncenterStub';

/** Two transactions a page, so every history in the shared checks takes several requests. */
const SMALL_PAGES = { pageSize: 2, maxPages: 100 };

function optionsFor(f: EscrowFixture, stub: ToncenterStub): TonClientChainOptions {
    const globalId = sandboxGlobalId(f.blockchain);
    return { endpoint: stub.url, master: f.master.address, globalId, paging: SMALL_PAGES };
}

describe('tonClientChain', () => {
    describe('through the toncenter stub', () => {
        behavesAsEscrowChain(async (f) => {
            const stub = await startToncenterStub(f.blockchain);
            return { chain: tonClientChain(optionsFor(f, stub)), close: stub.close };
        });
    });

    describe('paging, keys and failures against the stub', () => {
        let f: EscrowFixture;
        let stub: ToncenterStub;

        beforeEach(async () => {
            f = await escrowFixture();
        });

        afterEach(async () => {
            await stub.close();
        });

        function claimByComment(worker: SandboxContract<TreasuryContract>, escrow: Address) {
            const body = f.intentFor(escrow, worker.address, toNano('1')).body;
            return worker.send({ to: escrow, value: toNano('0.1'), body });
        }

        it('pages back through the whole history, one request per page', async () => {
            stub = await startToncenterStub(f.blockchain);
            const { escrow } = await f.fundTask({ maxResults: 5n });
            for (const worker of [f.worker, f.worker2, f.stranger]) {
                await claimByComment(worker, escrow.address);
            }
            const chain = tonClientChain(optionsFor(f, stub));

            const claims = await chain.claimsOf(escrow.address);

            // Funding and three claims, two a page: the first page brings two, each later one its anchor and one
            // older, and the last comes back short.
            expect(claims).toHaveLength(3);
            expect(stub.calls.filter((m) => m === 'getTransactions')).toHaveLength(4);
        });

        it('refuses a history longer than its page cap rather than answer part of it', async () => {
            stub = await startToncenterStub(f.blockchain);
            const { escrow } = await f.fundTask({ maxResults: 5n });
            await claimByComment(f.worker, escrow.address);
            const chain = tonClientChain({ ...optionsFor(f, stub), paging: { pageSize: 2, maxPages: 1 } });

            await expect(chain.claimsOf(escrow.address)).rejects.toThrow(/more than 1 pages of 2 transactions/);
        });

        it('sends the API key, and without it fails with an error naming the endpoint', async () => {
            stub = await startToncenterStub(f.blockchain, { apiKey: 'secret-key' });
            const keyed = tonClientChain({ ...optionsFor(f, stub), apiKey: 'secret-key' });
            const keyless = tonClientChain(optionsFor(f, stub));

            expect((await keyed.masterConfig()).feeBps).toBe(500n);
            const failure = keyless.masterConfig();
            await expect(failure).rejects.toThrow(ChainError);
            await expect(failure).rejects.toThrow(`toncenter at ${stub.url}: reading the config of master`);
        });

        it('names the endpoint when nothing answers there', async () => {
            stub = await startToncenterStub(f.blockchain);
            const chain = tonClientChain(optionsFor(f, stub));
            await stub.close();

            await expect(chain.escrowState(f.master.address)).rejects.toThrow(`toncenter at ${stub.url}`);
        });

        it('leaves an API key in the endpoint out of its errors', async () => {
            stub = await startToncenterStub(f.blockchain, { apiKey: 'secret-key' });
            const chain = tonClientChain({ ...optionsFor(f, stub), endpoint: `${stub.url}?api_key=in-the-url` });

            const failure = chain.masterConfig();
            await expect(failure).rejects.toThrow(`toncenter at ${stub.url}: `);
            await expect(failure).rejects.not.toThrow('in-the-url');
        });
    });

    it('refuses options it cannot work with', () => {
        const good: TonClientChainOptions = {
            endpoint: 'https://testnet.toncenter.com/api/v2/jsonRPC',
            master: new Address(0, Buffer.alloc(32, 1)),
            globalId: -3,
        };
        expect(() => tonClientChain(good)).not.toThrow();
        expect(() => tonClientChain({ ...good, endpoint: 'toncenter.com' })).toThrow('endpoint is not a URL');
        expect(() => tonClientChain({ ...good, endpoint: 'ftp://toncenter.com' })).toThrow('must be an http(s) URL');
        expect(() => tonClientChain({ ...good, globalId: 1.5 })).toThrow('global id must be a 32-bit integer');
        expect(() => tonClientChain({ ...good, globalId: 2 ** 31 })).toThrow('global id must be a 32-bit integer');
        expect(() => tonClientChain({ ...good, paging: { pageSize: 101, maxPages: 1 } })).toThrow('page size');
        expect(() => tonClientChain({ ...good, paging: { pageSize: 1, maxPages: 1 } })).toThrow('page size');
        expect(() => tonClientChain({ ...good, paging: { pageSize: 2, maxPages: 0 } })).toThrow('max pages');
    });
});
