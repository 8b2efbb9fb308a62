// Deploys an EscrowMaster owned by the sending wallet, then prints its address and config.
//
//   npx blueprint run deployEscrowMaster <treasury> <backend public key> <fee bps> --testnet --tonconnect
//
//   treasury            address that receives the platform fees of closed tasks
//   backend public key  ed25519 key that signs payout intents: 64 hex characters
//   fee bps             platform fee in basis points, 0..2000 (at most 20%)
//
// The address follows from the settings and the owner, so running it again with the same ones sends nothing and
// reports the master already there. On a network whose global version (config param 8) is below
// REQUIRED_GLOBAL_VERSION it refuses, naming both versions, and sends nothing: the escrow would not run there.
// It also refuses, sending nothing, a treasury off the basechain (every FundTask would be refused) and a wallet that
// cannot pay DEPLOY_VALUE and the deployment's fees. It prints no explorer link: Blueprint's waitForDeploy would
// print a public explorer's, even on a --custom endpoint.
import { Address } from '@ton/core';
import { NetworkProvider } from '@ton/blueprint';
import { EscrowMaster } from '../build/EscrowMaster/EscrowMaster_EscrowMaster';
import { DEPLOY_VALUE } from '../wrappers/escrowMasterDeployment';
import { sendAndAwait } from '../scriptSupport/arrival';
import { requireGlobalVersion } from '../scriptSupport/globalVersion';
import { requireAccepted } from '../scriptSupport/outcome';
import { parseAddress, parseBackendKey, parseFeeBps } from '../scriptSupport/parse';
import { formatAddress, formatTon, printMasterConfig } from '../scriptSupport/print';
import { runScript } from '../scriptSupport/runScript';
import { refuseIf } from '../scriptSupport/scriptError';
import { senderAddress } from '../scriptSupport/sender';
import { expectArgs } from '../scriptSupport/usage';
import { DEPLOY_WALLET_FEES, requireSpendable } from '../scriptSupport/wallet';

const USAGE = 'deployEscrowMaster <treasury address> <backend public key, 64 hex> <fee bps, 0..2000>';

export interface MasterSettings {
    treasury: Address;
    backendKey: bigint;
    feeBps: bigint;
}

export function parseDeployArgs(args: string[]): MasterSettings {
    const [treasury, key, fee] = expectArgs(args, ['treasury', 'backend public key', 'fee bps'], USAGE);
    return { treasury: parseAddress(treasury, 'treasury'), backendKey: parseBackendKey(key), feeBps: parseFeeBps(fee) };
}

/**
 * Deploys (or finds) the master for `settings` with the sender as owner; returns its address. Throws NetworkTooOld,
 * having sent nothing, when the network's global version is below REQUIRED_GLOBAL_VERSION, and PreflightRefusal
 * for a treasury off the basechain or a wallet that cannot pay.
 */
export async function deployEscrowMaster(provider: NetworkProvider, settings: MasterSettings): Promise<Address> {
    refuseIf(
        settings.treasury.workChain !== 0,
        () => `the treasury must be on the basechain (workchain 0), not ${settings.treasury.workChain}: the master would refuse every FundTask (ERR_TREASURY_NOT_BASECHAIN)`,
    );
    await requireGlobalVersion(provider);
    const owner = senderAddress(provider);
    const master = provider.open(
        await EscrowMaster.fromInit(owner, null, settings.treasury, settings.backendKey, settings.feeBps, false),
    );
    const at = formatAddress(provider, master.address);
    if (await provider.isContractDeployed(master.address)) {
        provider.ui().write(`EscrowMaster with these settings is already deployed at ${at}; nothing sent.`);
    } else {
        await requireSpendable(provider, DEPLOY_VALUE, DEPLOY_WALLET_FEES);
        provider.ui().write(`Deploying an EscrowMaster at ${at} with ${formatTon(DEPLOY_VALUE)}.`);
        const arrival = await sendAndAwait(provider, master.address, () =>
            master.send(provider.sender(), { value: DEPLOY_VALUE }, null),
        );
        requireAccepted(arrival, 'Deploy', 'EscrowMaster', owner);
        provider.ui().write(`EscrowMaster deployed at ${at}.`);
    }
    printMasterConfig(provider, master.address, await master.getConfig());
    return master.address;
}

export const run = runScript((provider, args) => deployEscrowMaster(provider, parseDeployArgs(args)));
