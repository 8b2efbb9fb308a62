// POST /devnet/faucet: coins for local wallets, capped per request, validated at the edge.
//
// One devnet serves the whole file, to keep it quick; each test sends to fresh addresses of its own.
import { randomBytes } from 'crypto';
import { Address, toNano } from '@ton/core';
import { MAX_FAUCET_GRANT } from '../../devnet/src/faucet';
import { ServedDevnet, serveDevnet } from './devnetFixture';
import { HttpAnswer, postJson } from './devnetHttp';

describe('the devnet faucet', () => {
    let devnet: ServedDevnet;

    beforeAll(async () => {
        devnet = await serveDevnet();
    });

    afterAll(async () => {
        await devnet.close();
    });

    const fresh = () => new Address(0, randomBytes(32));
    const ask = (body: unknown) => postJson(`${devnet.url}/devnet/faucet`, body);

    function expectRefusal(answer: HttpAnswer, status: number, code: string, message: RegExp) {
        expect(answer.status).toBe(status);
        expect(answer.body.error.code).toBe(code);
        expect(answer.body.error.message).toMatch(message);
    }

    it('sends what is asked to a fresh address, which keeps it, and names the crediting transaction', async () => {
        const { client, faucet } = devnet;
        const to = fresh();

        const answer = await ask({ address: to.toString({ bounceable: false }), amount: MAX_FAUCET_GRANT.toString() });

        expect(answer.status).toBe(200);
        expect(answer.body).toMatchObject({ address: to.toString({ bounceable: false }), amount: MAX_FAUCET_GRANT.toString() });
        expect(await client.getBalance(to)).toBe(MAX_FAUCET_GRANT);
        const [credited] = await client.getTransactions(to, { limit: 1 });
        expect(credited.lt.toString()).toBe(answer.body.lt);
        expect(credited.hash().toString('hex')).toBe(answer.body.hash);
        const info = credited.inMessage?.info;
        expect(info?.type === 'internal' && info.src.equals(faucet.address) && !info.bounce).toBe(true);
    });

    it('takes the amount in TON when asked with amount_ton, and answers it in both units', async () => {
        const to = fresh();
        const answer = await ask({ address: to.toString(), amount_ton: '2.5' });
        expect(answer.status).toBe(200);
        expect(answer.body).toMatchObject({ amount: toNano('2.5').toString(), amount_ton: '2.5' });
        expect(await devnet.client.getBalance(to)).toBe(toNano('2.5'));
    });

    it('refuses more than its cap in TON too, and sends nothing', async () => {
        const to = fresh();
        const answer = await ask({ address: to.toString(), amount_ton: '100.000000001' });
        expectRefusal(answer, 400, 'AMOUNT_OUT_OF_RANGE', /at most|100000000000 nanotons \(100 TON\)/);
        expectRefusal(await ask({ address: to.toString(), amount_ton: '0' }), 400, 'AMOUNT_OUT_OF_RANGE', /got 0/);
        expect(await devnet.client.getBalance(to)).toBe(0n);
    });

    it('refuses more than its cap per request, and sends nothing', async () => {
        const to = fresh();
        const answer = await ask({ address: to.toString(), amount: (MAX_FAUCET_GRANT + 1n).toString() });
        expectRefusal(answer, 400, 'AMOUNT_OUT_OF_RANGE', /amount must be 1 to 100000000000 nanotons/);
        expect(await devnet.client.getBalance(to)).toBe(0n);
    });

    it.each<[string, unknown]>([
        ['a field it does not take', { address: 'ADDRESS', amount: '1', memo: 'hi' }],
        ['an amount as a number', { address: 'ADDRESS', amount: 1000 }],
        ['an amount of zero', { address: 'ADDRESS', amount: '0' }],
        ['a negative amount', { address: 'ADDRESS', amount: '-5' }],
        ['an amount in TON', { address: 'ADDRESS', amount: '1.5' }],
        ['both units at once', { address: 'ADDRESS', amount: '1', amount_ton: '1' }],
        ['amount_ton with a comma', { address: 'ADDRESS', amount_ton: '1,5' }],
        ['amount_ton with more than nine decimals', { address: 'ADDRESS', amount_ton: '1.0000000001' }],
        ['no address', { amount: '1' }],
        ['a body that is not an object', ['ADDRESS', '1']],
    ])('refuses %s as a bad request', async (_, body) => {
        const filled = JSON.parse(JSON.stringify(body).replace('ADDRESS', fresh().toString()));
        expectRefusal(await ask(filled), 400, 'BAD_REQUEST', /^body/);
    });

    it('refuses an address that does not parse', async () => {
        const answer = await ask({ address: 'EQnot-an-address', amount: toNano('1').toString() });
        expectRefusal(answer, 400, 'BAD_ADDRESS', /address is not a TON address/);
    });
});
