// The code the two contracts run, as compiled into build/: an account whose code hash is one of these runs that
// contract. Every EscrowMaster and every TaskEscrow has the same code whatever its parameters.
import { Address, Cell } from '@ton/core';
import { EscrowMaster } from '../build/EscrowMaster/EscrowMaster_EscrowMaster';
import { unfundedEscrowInit } from './taskEscrowInit';

const anyAddress = new Address(0, Buffer.alloc(32));

export async function escrowMasterCode(): Promise<Cell> {
    return (await EscrowMaster.fromInit(anyAddress, null, anyAddress, 1n, 0n, false)).init!.code;
}

export async function taskEscrowCode(): Promise<Cell> {
    return (await unfundedEscrowInit(anyAddress, 0n)).init!.code;
}
