// Requests the devnet's toncenter API cannot serve get a 4xx in toncenter's shape, { ok: false, error, code }, with
// a message that says what was wrong; none of them reaches the chain or brings the server down.
import { Address, beginCell, Cell, Message, storeMessage } from '@ton/core';
import { ServedDevnet, serveDevnet } from './devnetFixture';
import { HttpAnswer, postJson, rpc } from './devnetHttp';

describe('malformed requests to the devnet toncenter API', () => {
    let devnet: ServedDevnet;
    let address: string;

    beforeAll(async () => {
        devnet = await serveDevnet();
        address = devnet.master.toString();
    });

    afterAll(async () => {
        await devnet.close();
    });

    function expectRefusal(answer: HttpAnswer, status: number, error: RegExp) {
        expect(answer.status).toBe(status);
        expect(answer.body).toMatchObject({ ok: false, code: status });
        expect(answer.body.error).toMatch(error);
    }

    /** An internal message, master to master, as a BOC. */
    function internalBoc(): string {
        const message: Message = {
            info: {
                type: 'internal',
                src: devnet.master,
                dest: devnet.master,
                value: { coins: 1n },
                bounce: true,
                bounced: false,
                ihrDisabled: true,
                ihrFee: 0n,
                forwardFee: 0n,
                createdAt: 0,
                createdLt: 0n,
            },
            body: Cell.EMPTY,
        };
        return beginCell().store(storeMessage(message)).endCell().toBoc().toString('base64');
    }

    describe('the JSON-RPC envelope', () => {
        it('refuses a body that is not JSON', async () => {
            expectRefusal(await postJson(devnet.endpoint, '{"method": "getAddressInformation",'), 400, /JSON/);
        });

        it('refuses a plain-text body', async () => {
            expectRefusal(await postJson(devnet.endpoint, 'method=sendBoc', 'text/plain'), 422, /Validation error: body/);
        });

        it('refuses a body of a type it does not parse', async () => {
            expectRefusal(await postJson(devnet.endpoint, '<method/>', 'application/xml'), 415, /Unsupported Media Type/i);
        });

        it.each<[string, unknown, RegExp]>([
            ['a list', [{ method: 'getMasterchainInfo' }], /Validation error: body/],
            ['no method', { id: '1', jsonrpc: '2.0', params: {} }, /method/],
            ['a method that is not a string', { method: 7 }, /method/],
            ['params that are not an object', { method: 'getAddressInformation', params: [address] }, /params/],
            ['a field JSON-RPC does not define', { method: 'getMasterchainInfo', extra: true }, /Validation error/],
            ['another JSON-RPC version', { method: 'getMasterchainInfo', jsonrpc: '1.0' }, /jsonrpc/],
        ])('refuses %s with 422', async (_, body, error) => {
            expectRefusal(await postJson(devnet.endpoint, body), 422, error);
        });

        it('refuses an unknown method, naming the methods it serves, and echoes the request id', async () => {
            const answer = await postJson(devnet.endpoint, { id: 'abc', jsonrpc: '2.0', method: 'getBlockHeader', params: {} });
            expectRefusal(answer, 422, /Unknown method "getBlockHeader"; the devnet serves .*runGetMethod/);
            expect(answer.body).toMatchObject({ jsonrpc: '2.0', id: 'abc' });
        });
    });

    describe('parameters', () => {
        /** Stands for the master's address, filled in once the devnet is up. */
        const A = 'ADDRESS';
        const getter = (stack: unknown[]) => ({ address: A, method: 'config', stack });
        const notAMessage = beginCell().storeUint(1, 8).endCell().toBoc().toString('base64');

        it.each<[string, string, Record<string, unknown>, number, RegExp]>([
            ['a parameter the method does not take', 'getAddressBalance', { address: A, seqno: 1 }, 422, /unexpected parameter "seqno"/],
            ['a missing address', 'getAddressInformation', {}, 422, /"address" is required/],
            ['an address that does not parse', 'getAddressInformation', { address: 'EQnot-an-address' }, 416, /Incorrect address/],
            ['an address that is not a string', 'getWalletInformation', { address: 42 }, 416, /Incorrect address/],
            ['a limit of 0', 'getTransactions', { address: A, limit: 0 }, 422, /"limit" must be a whole number from 1 to 100/],
            ['a limit over 100', 'getTransactions', { address: A, limit: 101 }, 422, /"limit"/],
            ['a limit in words', 'getTransactions', { address: A, limit: 'ten' }, 422, /"limit"/],
            ['an lt without its hash', 'getTransactions', { address: A, lt: '1000' }, 422, /"lt" and "hash" name one transaction/],
            ['a hash of the wrong length', 'getTransactions', { address: A, lt: '1', hash: 'abcd' }, 422, /"hash" must be a 32-byte/],
            ['a negative to_lt', 'getTransactions', { address: A, to_lt: -1 }, 422, /"to_lt" must be a logical time/],
            ['archival that is not a boolean', 'getTransactions', { address: A, archival: 'yes' }, 422, /"archival" must be true/],
            ['a get method without its stack', 'runGetMethod', { address: A, method: 'config' }, 422, /"stack" is required/],
            ['a get method named by an object', 'runGetMethod', { address: A, method: {}, stack: [] }, 422, /"method" must be/],
            ['a stack entry of an unknown type', 'runGetMethod', getter([['tvm.Tuple', []]]), 422, /stack entry 0 has an unsupported type/],
            ['a stack number that is not a number', 'runGetMethod', getter([['num', '12z']]), 422, /stack entry 0 must be an integer/],
            ['a stack cell that is not a bag of cells', 'runGetMethod', getter([['tvm.Cell', 'AAAA']]), 422, /does not carry a valid bag/],
            ['a boc that is not base64', 'sendBoc', { boc: 'not base64!' }, 422, /"boc" is not base64/],
            ['a boc that is not a bag of cells', 'sendBoc', { boc: 'AAAAAAAA' }, 422, /"boc" is not a bag of cells/],
            ['a boc that is not a message', 'sendBoc', { boc: notAMessage }, 422, /"boc" is not a message/],
            ['a missing boc', 'sendBocReturnHash', {}, 422, /"boc" is required/],
        ])('refuses %s', async (_, method, params, status, error) => {
            const filled = Object.fromEntries(Object.entries(params).map(([k, v]) => [k, v === A ? address : v]));
            expectRefusal(await rpc(devnet.endpoint, method, filled), status, error);
        });

        it('refuses a boc holding an internal message: only external messages enter from outside', async () => {
            const answer = await rpc(devnet.endpoint, 'sendBoc', { boc: internalBoc() });
            expectRefusal(answer, 422, /must hold an external inbound message, got internal/);
        });
    });

    it('still serves after all of that', async () => {
        expect((await devnet.client.getContractState(Address.parse(address))).state).toBe('active');
    });
});
