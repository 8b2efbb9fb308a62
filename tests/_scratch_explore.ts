import '@ton/test-utils';
import { toNano, beginCell, Address } from '@ton/core';
import { escrowFixture, T0, HOUR } from './helpers/escrowFixture';
import { TaskEscrow } from '../build/TaskEscrow/TaskEscrow_TaskEscrow';

function flow(tx: any) {
    const d = tx.description;
    const inV = tx.inMessage?.info.type === 'internal' ? tx.inMessage.info.value.coins : 0n;
    const outs = [...tx.outMessages.values()].map((m: any) => ({ to: m.info.dest?.toString(), v: m.info.value?.coins, fwd: m.info.forwardFee }));
    return { inV, totalFees: tx.totalFees.coins, storage: d.storagePhase?.storageFeesCollected, gas: d.computePhase?.gasFees, exit: d.computePhase?.exitCode, aborted: d.aborted,
        fwd: d.actionPhase?.totalFwdFees, actFees: d.actionPhase?.totalActionFees, outs, end: tx.endStatus, orig: tx.oldStatus };
}

it('explore', async () => {
    const f = await escrowFixture();
    const { result, escrow } = await f.fundTask();
    for (const tx of result.transactions) console.log('fund', flow(tx));
    const c = await f.blockchain.getContract(escrow.address);
    const b0 = c.balance;
    const i = f.intentFor(escrow.address, f.worker.address, toNano('1'));
    const wb = await f.worker.getBalance();
    const r = await f.worker.send({ to: escrow.address, value: toNano('0.1'), body: i.body });
    for (const tx of r.transactions) console.log('claim', flow(tx));
    const wa = await f.worker.getBalance();
    console.log('escrow delta', b0 - (await f.blockchain.getContract(escrow.address)).balance, 'worker delta', wa - wb);
    // unfunded deploy attempt
    const e2 = f.blockchain.openContract(await (TaskEscrow.fromInit as any)(f.master.address, 99n, null, 0n, 0n, 0n, null));
    console.log(e2.address.equals(await f.master.getEscrowAddress(99n)));
    const r2 = await e2.send(f.stranger.getSender(), { value: toNano('0.1') }, { $$type: 'CloseTask', queryId: 0n });
    for (const tx of r2.transactions) console.log('deploy-close', flow(tx));
    console.log((await f.blockchain.getContract(e2.address)).accountState?.type);
    const r3 = await f.stranger.send({ to: e2.address, value: toNano('0.1'), init: e2.init, body: beginCell().endCell() });
    for (const tx of r3.transactions) console.log('deploy-empty', flow(tx));
    console.log((await f.blockchain.getContract(e2.address)).accountState?.type);
    // close and destroyed
    f.blockchain.now = T0 + 25 * HOUR;
    const r4 = await escrow.send(f.stranger.getSender(), { value: toNano('0.1') }, { $$type: 'CloseTask', queryId: 0n });
    for (const tx of r4.transactions) console.log('close', flow(tx));
    const c4 = await f.blockchain.getContract(escrow.address);
    console.log(c4.accountState, c4.balance);
});
