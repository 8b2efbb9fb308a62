// The production ClaimSender over real HTTP, through TonClient, to a toncenter-shaped endpoint serving a
// sandbox: the first claim deploys the wallet, a claim is the exact body given, credits and bounces are read back.
import { Address, beginCell, toNano } from '@ton/core';
import { getSecureRandomBytes, keyPairFromSeed } from '@ton/crypto';
import { Blockchain, SandboxContract, TreasuryContract } from '@ton/sandbox';
import { tonClientClaimSender } from '../../client/tonClientClaimSender';
import { walletFromKeys, WalletVersion } from '../../client/wallet';
import { InsufficientBalanceError } from '../../client/walletClaimSender';
import { startToncenterWithSend } from './toncenterWithSend';

describe('TonClient claim sender', () => {
    let blockchain: Blockchain;
    let escrow: SandboxContract<TreasuryContract>;
    let endpoint: Awaited<ReturnType<typeof startToncenterWithSend>>;

    beforeEach(async () => {
        blockchain = await Blockchain.create();
        escrow = await blockchain.treasury('escrow');
        endpoint = await startToncenterWithSend(blockchain);
    });
    afterEach(async () => endpoint.close());

    async function fundedSender(version: WalletVersion, amount = toNano('1')) {
        const wallet = walletFromKeys(keyPairFromSeed(await getSecureRandomBytes(32)), version, 'mainnet');
        if (amount > 0n) await escrow.send({ to: wallet.address, value: amount, bounce: false });
        return { wallet, sender: tonClientClaimSender(wallet, { endpoint: endpoint.url }, { pollMs: 20, acceptTimeoutMs: 5_000 }) };
    }

    it.each(['v4', 'v5r1'] as const)('a %s wallet deploys with its first claim and sends exactly the given body', async (version) => {
        const { wallet, sender } = await fundedSender(version);
        const body = beginCell().storeUint(0, 32).storeStringTail('GSTD1 claim task=1 amount=2 until=3 sig=x').endCell();
        const before = await sender.balance();
        expect(before).toBe(toNano('1'));

        await sender.send({ to: escrow.address, value: toNano('0.05'), body });
        await sender.send({ to: escrow.address, value: toNano('0.05'), body });

        expect(endpoint.sent).toBe(2);
        const account = await blockchain.getContract(wallet.address);
        expect(account.accountState?.type).toBe('active');
        const claims = blockchain.snapshot().transactions.filter((tx) => {
            const info = tx.inMessage?.info;
            return info?.type === 'internal' && info.src.equals(wallet.address) && info.dest.equals(escrow.address);
        });
        expect(claims.map((tx) => tx.inMessage!.body.equals(body))).toEqual([true, true]);
        expect(await sender.balance()).toBeLessThan(before - toNano('0.1'));
    });

    it('reads what the wallet received from an address, newest first, and tells bounces apart', async () => {
        const { wallet, sender } = await fundedSender('v4');
        await escrow.send({ to: wallet.address, value: toNano('0.3'), bounce: false });
        const nobody = new Address(0, Buffer.alloc(32, 1));
        await sender.send({ to: nobody, value: toNano('0.05'), body: beginCell().endCell() });

        const fromEscrow = await sender.creditsFrom(escrow.address);
        expect(fromEscrow.map((c) => [c.value, c.bounced])).toEqual([
            [toNano('0.3'), false],
            [toNano('1'), false],
        ]);
        expect(fromEscrow[0].lt).toBeGreaterThan(fromEscrow[1].lt);
        const bounces = await sender.creditsFrom(nobody);
        expect(bounces).toHaveLength(1);
        expect(bounces[0].bounced).toBe(true);
    });

    it('refuses to send from a wallet that cannot pay for the claim', async () => {
        const { sender } = await fundedSender('v4', toNano('0.01'));
        await expect(sender.send({ to: escrow.address, value: toNano('0.05'), body: beginCell().endCell() })).rejects.toThrow(InsufficientBalanceError);
        expect(endpoint.sent).toBe(0);
    });
});
