import { toNano } from '@ton/core';
import { Blockchain } from '@ton/sandbox';
import { keyPairFromSeed } from '@ton/crypto';
import { deploySandboxMaster, SANDBOX_FEE_BPS } from '../../devnet/src/deploySandboxMaster';
import { sandboxChain } from '../helpers/sandboxChain';
import { EscrowMaster, ESCROW_RESERVE } from '../../build/EscrowMaster/EscrowMaster_EscrowMaster';
import { plain } from '../helpers/plain';

const backendKey = keyPairFromSeed(Buffer.alloc(32, 3));
const backendKeyInt = BigInt('0x' + backendKey.publicKey.toString('hex'));

describe('deploySandboxMaster', () => {
    let blockchain: Blockchain;

    beforeEach(async () => {
        blockchain = await Blockchain.create();
    });

    it('deploys a master owned by its wallet, with the fees going there too by default', async () => {
        const { master, deployer, owner } = await deploySandboxMaster(blockchain, { backendPublicKey: backendKey.publicKey });

        expect(owner).toEqual(deployer.address);
        expect(plain(await sandboxChain(blockchain, master).masterConfig())).toEqual(
            plain({
                owner: deployer.address,
                treasury: deployer.address,
                backendKey: backendKeyInt,
                feeBps: SANDBOX_FEE_BPS,
                stopped: false,
            }),
        );
    });

    it('takes the treasury and fee it is given', async () => {
        const treasury = await blockchain.treasury('platform-treasury');

        const { master } = await deploySandboxMaster(blockchain, {
            backendPublicKey: backendKey.publicKey,
            treasury: treasury.address,
            feeBps: 0n,
        });

        const config = await sandboxChain(blockchain, master).masterConfig();
        expect(config.feeBps).toBe(0n);
        expect(config.treasury.equals(treasury.address)).toBe(true);
    });

    it('deploys a master owned by the address it is given, which is the treasury too', async () => {
        const operator = await blockchain.treasury('operator');

        const { master, owner } = await deploySandboxMaster(blockchain, { backendPublicKey: backendKey.publicKey, owner: operator.address });

        const config = await sandboxChain(blockchain, master).masterConfig();
        expect(owner.equals(operator.address)).toBe(true);
        expect(config.owner.equals(operator.address)).toBe(true);
        expect(config.treasury.equals(operator.address)).toBe(true);
    });

    it('deploys a master that funds tasks', async () => {
        const { master } = await deploySandboxMaster(blockchain, { backendPublicKey: backendKey.publicKey });
        const requester = await blockchain.treasury('requester');
        const budget = toNano('1');

        const deadline = BigInt(Math.floor(Date.now() / 1000) + 3600);

        await blockchain
            .openContract(EscrowMaster.fromAddress(master))
            .send(
                requester.getSender(),
                { value: budget + ESCROW_RESERVE },
                { $$type: 'FundTask', queryId: 0n, taskId: 5n, budget, maxResults: 1n, deadline },
            );

        const chain = sandboxChain(blockchain, master);
        const escrow = await chain.escrowState(await chain.escrowAddress(5n));
        expect(escrow).toMatchObject({ budget, deadline, backendKey: backendKeyInt });
    });

    it('refuses a key that is not 32 bytes, a zero key and a fee above the cap', async () => {
        const deploy = (backendPublicKey: Buffer, feeBps?: bigint) =>
            deploySandboxMaster(blockchain, { backendPublicKey, feeBps });
        await expect(deploy(Buffer.alloc(31, 1))).rejects.toThrow('32 bytes');
        await expect(deploy(Buffer.alloc(32))).rejects.toThrow('must not be zero');
        await expect(deploy(backendKey.publicKey, 2001n)).rejects.toThrow('fee must be 0 to 2000 bps');
    });
});
