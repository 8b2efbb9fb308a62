// `intent`: the payout intent of this wallet's valid result, written as the intent file scripts/claimReward.ts
// reads (scriptSupport/intentFile.ts), with `executor` naming this wallet.
import { writeFileSync } from 'node:fs';
import type { IntentFile } from '../../scriptSupport/intentFile';
import { RequesterContext } from '../context';
import { formatTon } from '../tonAmount';

export async function intent(ctx: RequesterContext): Promise<void> {
    const taskId = ctx.args.taskId!;
    const executor = ctx.show(ctx.wallet.address);
    const answer = await ctx.client.payoutIntent({ task_id: taskId, executor_address: executor });
    const file: IntentFile & { task_id: string; valid_until: number } = {
        task_id: answer.task_id,
        to_address: answer.to_address,
        amount: answer.amount,
        payload_comment: answer.payload_comment,
        payload: answer.payload,
        executor,
        valid_until: answer.valid_until,
    };
    const path = ctx.args.out ?? `intent-${taskId}.json`;
    writeFileSync(path, `${JSON.stringify(file, null, 2)}\n`);
    ctx.out.line(
        `wrote ${path}: ${formatTon(answer.gross_amount)} gross (${formatTon(answer.executor_reward)} to ${executor}, ` +
            `${formatTon(answer.platform_fee)} fee), attach ${formatTon(answer.amount)} for gas, valid until ${new Date(answer.valid_until * 1000).toISOString()}`,
    );
    ctx.out.line(`claim it: WALLET_MNEMONIC=… npx blueprint run claimReward ${path}`);
    ctx.out.result({ path, ...file });
}
