// Wallets as users hold them, over HTTP only: funded by the faucet, deployed by their first transfer, funding a
// task with the TonConnect request the service hands out, claiming with the payload comment, and the service's
// toncenter chain adapter seeing it all through the devnet.
//
// One devnet serves each pair of wallet versions, to keep it quick; every test makes wallets of its own.
import { toNano } from '@ton/core';
import { ESCROW_RESERVE } from '../../build/EscrowMaster/EscrowMaster_EscrowMaster';
import { splitPayout } from '../../backend/src/domain';
import { SANDBOX_FEE_BPS } from '../../devnet/src/deploySandboxMaster';
import { buildClaimComment, signIntent } from '../../wrappers/claimEncoding';
import { claimTransaction, fundingTransaction } from '../../wrappers/tonConnect';
import { plain } from '../helpers/plain';
import { ServedDevnet, serveDevnet } from './devnetFixture';
import { fundFromFaucet, rpc } from './devnetHttp';
import { localWallet, WalletVersion } from './localWallet';

const CLAIM_GAS = toNano('0.05');
const nowSeconds = () => Math.floor(Date.now() / 1000);

describe.each<[WalletVersion, WalletVersion, string]>([
    ['v4r2', 'v5r1', 'wallet v4 r2'],
    ['v5r1', 'v4r2', 'wallet v5 r1'],
])('a %s requester and a %s executor on the devnet', (requesterVersion, executorVersion, walletType) => {
    let devnet: ServedDevnet;

    beforeAll(async () => {
        devnet = await serveDevnet();
    });

    afterAll(async () => {
        await devnet.close();
    });

    it('the faucet funds a fresh wallet, which its first transfer deploys', async () => {
        const { client, url, endpoint } = devnet;
        const requester = await localWallet(client, requesterVersion);

        await fundFromFaucet(url, requester.address.toString({ bounceable: false }), toNano('10'));
        expect(await client.getBalance(requester.address)).toBe(toNano('10'));
        expect(await client.isContractDeployed(requester.address)).toBe(false);
        expect(await requester.contract.getSeqno()).toBe(0);

        const elsewhere = await localWallet(client, executorVersion);
        await requester.transfer([]);
        await requester.sendTonConnect({
            validUntil: nowSeconds() + 60,
            messages: [{ address: elsewhere.address.toString({ bounceable: false }), amount: toNano('1').toString() }],
        });

        expect(await client.isContractDeployed(requester.address)).toBe(true);
        expect(await requester.contract.getSeqno()).toBe(2);
        expect(await client.getBalance(elsewhere.address)).toBe(toNano('1'));
        const info = (await rpc(endpoint, 'getWalletInformation', { address: requester.address.toString() })).body.result;
        expect(info).toMatchObject({ wallet: true, account_state: 'active', wallet_type: walletType, seqno: 2 });
    });

    it('funds a task by its TonConnect request and is paid by a signed claim comment from the executor', async () => {
        const { client, url, master, globalId, chain, backendKey } = devnet;
        const requester = await localWallet(client, requesterVersion);
        const executor = await localWallet(client, executorVersion);
        await fundFromFaucet(url, requester.address.toString(), toNano('10'));
        await fundFromFaucet(url, executor.address.toString(), toNano('1'));

        const terms = { taskId: 7n, budget: toNano('3'), maxResults: 2n, deadline: BigInt(nowSeconds() + 3600) };
        await requester.sendTonConnect(fundingTransaction(master, terms, globalId, nowSeconds() + 300));

        const escrow = await chain.escrowAddress(terms.taskId);
        const funded = (await chain.escrowState(escrow))!;
        expect(funded).not.toBeNull();
        expect(plain(funded)).toEqual(
            plain({
                address: escrow,
                master,
                taskId: terms.taskId,
                requester: requester.address,
                treasury: devnet.owner,
                backendKey: BigInt('0x' + backendKey.publicKey.toString('hex')),
                feeBps: SANDBOX_FEE_BPS,
                maxResults: terms.maxResults,
                deadline: terms.deadline,
                fundingId: funded.fundingId,
                budget: terms.budget,
                slotsUsed: 0n,
                remaining: terms.budget,
                feesAccrued: 0n,
            }),
        );
        expect(await client.getBalance(escrow)).toBeGreaterThan(terms.budget);
        expect(await client.getBalance(escrow)).toBeLessThanOrEqual(terms.budget + ESCROW_RESERVE);

        const amount = toNano('1');
        const validUntil = nowSeconds() + 600;
        const intent = {
            globalId,
            escrow,
            fundingId: funded.fundingId,
            executor: executor.address,
            taskId: terms.taskId,
            amount,
            validUntil,
        };
        const comment = buildClaimComment({ ...intent, signature: signIntent(intent, backendKey.secretKey) });
        const before = await client.getBalance(executor.address);
        await executor.sendTonConnect(claimTransaction(escrow, comment, CLAIM_GAS, globalId, validUntil));

        const claims = await chain.claimsOf(escrow);
        expect(claims).toHaveLength(1);
        expect(claims[0].executor.equals(executor.address)).toBe(true);
        expect(claims[0].amount).toBe(amount);
        const { executorReward, platformFee } = splitPayout(amount, SANDBOX_FEE_BPS);
        expect(await chain.escrowState(escrow)).toMatchObject({
            slotsUsed: 1n,
            remaining: terms.budget - amount,
            feesAccrued: platformFee,
        });
        // The reward arrives; deploying the wallet and the claim's gas cost well under what was attached.
        const gained = (await client.getBalance(executor.address)) - before;
        expect(gained).toBeGreaterThan(executorReward - CLAIM_GAS);
        expect(gained).toBeLessThan(executorReward);

        const history = await client.getTransactions(escrow, { limit: 10 });
        expect(history.map((tx) => tx.hash().toString('hex'))).toContain(claims[0].txHash);
    });
});
