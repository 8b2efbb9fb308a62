// npm run bench:reserve — what the escrow's reserve pays for in the worst case (tests/helpers/worstCaseTask.ts):
// 32 result slots, every slot but one claimed through a relayer right after funding, the deadline at
// MAX_TASK_DURATION, closed by a stranger a second after it. A table, then one JSON line (nanotons).
import { fromNano } from '@ton/core';
import { ESCROW_RESERVE } from '../../build/TaskEscrow/TaskEscrow_TaskEscrow';
import { worstCaseTask } from '../../tests/helpers/worstCaseTask';

async function main() {
    const use = await worstCaseTask();
    console.table([
        { part: 'reserve attached', ton: fromNano(ESCROW_RESERVE) },
        { part: 'funding: master and set-up gas, deploy forwarding', ton: fromNano(use.funding) },
        { part: 'storage over the whole life', ton: fromNano(use.storage) },
        { part: "close's forwarding (treasury, requester)", ton: fromNano(use.closing) },
        { part: 'left for the requester', ton: fromNano(use.reserveLeft) },
    ]);
    const json: Record<string, string> = {};
    for (const [key, value] of Object.entries({ reserve: ESCROW_RESERVE, ...use })) json[key] = value.toString();
    console.log(JSON.stringify(json));
}

main().catch((err) => {
    console.error(err);
    process.exit(1);
});
