// `status`: where the task stands; with --follow, a line at every change until it is decided.
import { TaskView } from '../../protocol';
import { RequesterContext } from '../context';
import { formatTon } from '../tonAmount';
import { POLL_MS } from './waitFor';
import { sleep } from '../../client/sleep';

const FINAL = ['validated', 'failed', 'expired'];

export function statusLine(task: TaskView): string {
    const decided = task.canonical_result_hash ? `, canonical result ${task.canonical_result_hash.slice(0, 16)}…` : '';
    return `task ${task.task_id}: ${task.status} (${task.operation}, ${formatTon(task.reward_per_result)} per result, ${task.redundancy} agreeing, ${task.slots_open} slots open${decided})`;
}

export async function status(ctx: RequesterContext): Promise<void> {
    const taskId = ctx.args.taskId!;
    let task = await ctx.client.task(taskId);
    ctx.out.line(statusLine(task));
    while (ctx.args.follow && !FINAL.includes(task.status)) {
        await sleep(POLL_MS);
        const next = await ctx.client.task(taskId);
        if (statusLine(next) !== statusLine(task)) ctx.out.line(statusLine(next));
        task = next;
    }
    ctx.out.result(task);
}
