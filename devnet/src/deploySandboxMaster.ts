// A fresh EscrowMaster in an in-process sandbox, deployed the way scripts/deployEscrowMaster.ts deploys one on a
// real network. The devnet deploys its master with it; tests and benches deploy one into sandboxes of their own.
import { Address } from '@ton/core';
import { Blockchain, SandboxContract, TreasuryContract } from '@ton/sandbox';
import { EscrowMaster, MAX_FEE_BPS } from '../../build/EscrowMaster/EscrowMaster_EscrowMaster';
import { DEPLOY_VALUE } from '../../wrappers/escrowMasterDeployment';

/** The fee the sandbox master charges unless told otherwise: 5%. */
export const SANDBOX_FEE_BPS = 500n;

export interface SandboxMasterOptions {
    /** The ed25519 public key (32 bytes) that signs payout intents. */
    backendPublicKey: Buffer;
    /** Who may change the master's settings; the deploying wallet by default. */
    owner?: Address;
    /** Where closed tasks' fees go; the owner by default. */
    treasury?: Address;
    feeBps?: bigint;
}

export interface SandboxMaster {
    master: Address;
    /** The sandbox wallet that deployed the master, and owns it unless `owner` named another. */
    deployer: SandboxContract<TreasuryContract>;
    owner: Address;
}

export async function deploySandboxMaster(
    blockchain: Blockchain,
    options: SandboxMasterOptions,
): Promise<SandboxMaster> {
    const { backendPublicKey, feeBps = SANDBOX_FEE_BPS } = options;
    if (backendPublicKey.length !== 32) {
        throw new RangeError(`backend public key must be 32 bytes, got ${backendPublicKey.length}`);
    }
    // The master takes its settings unchecked at deployment; a zero key would fund escrows nobody can claim from.
    if (backendPublicKey.every((byte) => byte === 0)) throw new RangeError('backend public key must not be zero');
    if (feeBps < 0n || feeBps > MAX_FEE_BPS) throw new RangeError(`fee must be 0 to ${MAX_FEE_BPS} bps, got ${feeBps}`);

    const deployer = await blockchain.treasury('escrow-master-owner');
    const owner = options.owner ?? deployer.address;
    const backendKey = BigInt('0x' + backendPublicKey.toString('hex'));
    const master = blockchain.openContract(await EscrowMaster.fromInit(owner, null, options.treasury ?? owner, backendKey, feeBps, false));
    // A devnet loaded from its file already has this master (same owner, key and fee give the same address).
    const existing = await blockchain.getContract(master.address);
    if (existing.accountState?.type === 'active') return { master: master.address, deployer, owner };
    await master.send(deployer.getSender(), { value: DEPLOY_VALUE }, null);
    const account = await blockchain.getContract(master.address);
    if (account.accountState?.type !== 'active') throw new Error(`EscrowMaster did not deploy at ${master.address}`);
    return { master: master.address, deployer, owner };
}
