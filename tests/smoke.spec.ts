import { toNano } from '@ton/core';
import '@ton/test-utils';
import { escrowFixture } from './helpers/escrowFixture';

it('smoke', async () => {
    const f = await escrowFixture();
    const { result, escrow } = await f.fundTask();
    expect(result.transactions).toHaveTransaction({ to: escrow.address, deploy: true, success: true });
    console.log(await escrow.getState());
    const i = f.intentFor(escrow.address, f.worker.address, toNano('1'));
    console.log(i.comment, i.comment.length);
    const r = await f.worker.send({ to: escrow.address, value: toNano('0.05'), body: i.body });
    for (const tx of r.transactions) {
        const d: any = tx.description;
        console.log(tx.inMessage?.info.dest?.toString(), d.computePhase?.exitCode, d.computePhase?.gasUsed, d.aborted);
    }
    console.log(await escrow.getState());
});
