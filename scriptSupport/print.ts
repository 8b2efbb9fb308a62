// Printing contract state through the provider's UI, in the units a reader checks: TON with nanotons beside.
import { Address, fromNano, Transaction } from '@ton/core';
import { NetworkProvider } from '@ton/blueprint';
import { MasterConfig } from '../build/EscrowMaster/EscrowMaster_EscrowMaster';
import { EscrowState, STATUS_OPEN } from '../build/TaskEscrow/TaskEscrow_TaskEscrow';

export function formatTon(nanotons: bigint): string {
    return `${fromNano(nanotons)} TON (${nanotons} nanotons)`;
}

export function formatAddress(provider: NetworkProvider, address: Address): string {
    return address.toString({ testOnly: provider.network() === 'testnet' });
}

function formatTime(unixSeconds: bigint): string {
    return `${unixSeconds} (${new Date(Number(unixSeconds) * 1000).toISOString()})`;
}

function formatKey(key: bigint): string {
    return key.toString(16).padStart(64, '0');
}

export function printMasterConfig(provider: NetworkProvider, master: Address, config: MasterConfig): void {
    const show = (a: Address) => formatAddress(provider, a);
    const lines = [
        `EscrowMaster ${show(master)}`,
        `  owner:          ${show(config.owner)}`,
        `  pending owner:  ${config.pendingOwner ? show(config.pendingOwner) : 'none'}`,
        `  treasury:       ${show(config.treasury)}`,
        `  backend key:    ${formatKey(config.backendKey)}`,
        `  fee:            ${config.feeBps} bps (cap ${config.maxFeeBps})`,
        `  funding:        ${config.stopped ? 'stopped' : 'open'}`,
        `  result slots:   at most ${config.maxResultSlots} per task`,
        `  escrow reserve: ${formatTon(config.escrowReserve)}`,
    ];
    for (const line of lines) provider.ui().write(line);
}

export function printEscrowState(provider: NetworkProvider, escrow: Address, state: EscrowState): void {
    const show = (a: Address | null) => (a ? formatAddress(provider, a) : 'none');
    const lines = [
        `TaskEscrow ${show(escrow)} (task ${state.taskId}, master ${show(state.master)})`,
        `  status:       ${state.status === STATUS_OPEN ? 'open' : 'not funded'}`,
        `  requester:    ${show(state.requester)}`,
        `  treasury:     ${show(state.treasury)}`,
        `  budget:       ${formatTon(state.budget)}`,
        `  remaining:    ${formatTon(state.remaining)}`,
        `  fees accrued: ${formatTon(state.feesAccrued)}`,
        `  fee:          ${state.feeBps} bps`,
        `  result slots: ${state.slotsUsed} of ${state.maxResults} paid`,
        `  deadline:     ${formatTime(state.deadline)}`,
        `  funding id:   ${state.fundingId}`,
        `  backend key:  ${formatKey(state.backendKey)}`,
    ];
    for (const line of lines) provider.ui().write(line);
}

/** One line per message `tx` sent, with its value and the roles (`you`, `treasury`…) its receiver plays. */
export function printPayments(provider: NetworkProvider, tx: Transaction, roles: Record<string, Address | null>): void {
    for (const message of tx.outMessages.values()) {
        if (message.info.type !== 'internal') continue;
        const to = message.info.dest;
        const names = Object.entries(roles).flatMap(([role, a]) => (a?.equals(to) ? [role] : []));
        const who = names.length > 0 ? `${names.join(', ')} ` : '';
        provider.ui().write(`  to ${who}${formatAddress(provider, to)}: ${formatTon(message.info.value.coins)}`);
    }
}
