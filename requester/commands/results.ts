// `results`: what the task produced — the canonical output, every result's verdict, and which executors the chain
// shows paid.
import { RequesterContext } from '../context';
import { formatTon } from '../tonAmount';

export async function results(ctx: RequesterContext): Promise<void> {
    const outcome = await ctx.client.outcome(ctx.args.taskId!);
    ctx.out.line(`task ${outcome.task_id}: ${outcome.status}`);
    ctx.out.line(`canonical output: ${outcome.canonical_output === null ? '(none yet)' : JSON.stringify(outcome.canonical_output)}`);
    ctx.out.line(`results (${outcome.results.length}):`);
    for (const result of outcome.results) {
        const paid = result.paid ? `paid ${formatTon(result.paid.amount)} gross (tx ${result.paid.tx_hash.slice(0, 16)}…)` : 'not paid';
        ctx.out.line(`  ${ctx.show(result.wallet)}  ${result.verdict ?? 'undecided'}${result.late ? ' (late)' : ''}  ${paid}`);
    }
    ctx.out.result(outcome);
}
