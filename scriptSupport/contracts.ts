// Opening the deployed contracts a script acts on, after checking by code hash that the address holds the contract
// expected: a wallet or another contract given as a master would otherwise fail at its first getter with a bare
// TVM exit code. Escrow addresses always come from the master's getter.
import { Address, Cell, ContractState, OpenedContract } from '@ton/core';
import { WalletContractV3R2, WalletContractV4, WalletContractV5R1 } from '@ton/ton';
import { NetworkProvider } from '@ton/blueprint';
import { EscrowMaster } from '../build/EscrowMaster/EscrowMaster_EscrowMaster';
import { TaskEscrow } from '../build/TaskEscrow/TaskEscrow_TaskEscrow';
import { escrowMasterCode, taskEscrowCode } from '../wrappers/contractCode';
import { formatAddress } from './print';
import { PreflightRefusal } from './scriptError';

type Kind = 'EscrowMaster' | 'TaskEscrow';

const noKey = Buffer.alloc(32);

/** What runs at an account, by code hash: one of ours, a standard wallet, or something else. */
async function codeNames(): Promise<Map<string, string>> {
    const codes: [string, Cell][] = [
        ['an EscrowMaster', await escrowMasterCode()],
        ['a TaskEscrow', await taskEscrowCode()],
        ['a wallet (v3r2)', WalletContractV3R2.create({ workchain: 0, publicKey: noKey }).init.code],
        ['a wallet (v4r2)', WalletContractV4.create({ workchain: 0, publicKey: noKey }).init.code],
        ['a wallet (v5r1)', WalletContractV5R1.create({ workchain: 0, publicKey: noKey }).init.code],
    ];
    return new Map(codes.map(([name, code]) => [code.hash().toString('hex'), name]));
}

function codeOf(account: ContractState): Cell | null {
    return account.state.type === 'active' && account.state.code ? Cell.fromBoc(account.state.code)[0] : null;
}

/** Refuses unless the account at `address` runs `kind`'s code; `absent` says what an empty address may mean. */
async function requireKind(provider: NetworkProvider, address: Address, kind: Kind, absent: string): Promise<void> {
    const shown = formatAddress(provider, address);
    const code = codeOf(await provider.getContractState(address));
    if (!code) throw new PreflightRefusal(`no contract is deployed at ${shown}: ${absent}`);
    const names = await codeNames();
    const found = names.get(code.hash().toString('hex'));
    const expected = kind === 'EscrowMaster' ? 'an EscrowMaster' : 'a TaskEscrow';
    if (found !== expected) {
        throw new PreflightRefusal(`${shown} is ${found ?? 'another contract'}, not ${expected}`);
    }
}

/** A deployed EscrowMaster, or a refusal naming what is at the address instead. */
export async function openMaster(provider: NetworkProvider, address: Address): Promise<OpenedContract<EscrowMaster>> {
    await requireKind(provider, address, 'EscrowMaster', 'is this the EscrowMaster address?');
    return provider.open(EscrowMaster.fromAddress(address));
}

/** The escrow of `taskId`, at the address the master reports; it may not exist yet. */
export async function escrowOfTask(provider: NetworkProvider, master: OpenedContract<EscrowMaster>, taskId: bigint) {
    return provider.open(TaskEscrow.fromAddress(await master.getEscrowAddress(taskId)));
}

/** A deployed TaskEscrow, or a refusal saying it is closed, was never funded, or is something else. */
export async function openEscrow(provider: NetworkProvider, address: Address): Promise<OpenedContract<TaskEscrow>> {
    await requireKind(provider, address, 'TaskEscrow', 'the task is closed, was never funded, or the address is wrong');
    return provider.open(TaskEscrow.fromAddress(address));
}
