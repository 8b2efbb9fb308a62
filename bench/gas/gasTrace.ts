// npm run bench:gas-trace -- binary|text — every instruction of one claim with the gas it cost and the running
// total, from the sandbox's VM log. The gas split in docs/escrow.md is read off this trace. The claims are the
// ones `npm run bench:gas` measures: the text claim is the first on its escrow, the binary claim the second.
import { toNano } from '@ton/core';
import { buildClaimRewardBody } from '../../wrappers/claimEncoding';
import { escrowFixture } from '../../tests/helpers/escrowFixture';

type Scenario = 'binary' | 'text';

interface Step {
    instruction: string;
    gas: number;
    total: number;
}

/** Steps of the first VM run in `log`: each "execute" line, charged with the drop in "gas remaining" after it. */
function stepsOf(log: string): Step[] {
    const steps: Step[] = [];
    let instruction = '';
    let remaining: number | undefined;
    let total = 0;
    for (const line of log.split('\n')) {
        if (line.startsWith('execute ')) instruction = line.slice('execute '.length);
        const match = /^gas remaining: (\d+)/.exec(line);
        if (!match) continue;
        const now = Number(match[1]);
        // The first step's cost is not in the log: every instruction here costs at least its 26-gas SETCP.
        const gas = remaining === undefined ? 26 : remaining - now;
        if (gas < 0) break; // a later VM run starts
        total += gas;
        steps.push({ instruction, gas, total });
        remaining = now;
    }
    return steps;
}

async function traceClaim(scenario: Scenario): Promise<Step[]> {
    const f = await escrowFixture();
    const { escrow } = await f.fundTask({ taskId: 1n, maxResults: 3n });
    const text = f.intentFor(escrow.address, f.worker.address, toNano('1'), { taskId: 1n });
    const own = f.intentFor(escrow.address, f.worker2.address, toNano('1'), { taskId: 1n });

    const lines: string[] = [];
    const print = console.log;
    const trace = async (send: () => Promise<unknown>) => {
        await f.blockchain.setVerbosityForAddress(escrow.address, {
            vmLogs: 'vm_logs_gas',
            print: true,
            blockchainLogs: false,
            debugLogs: false,
        });
        console.log = (...parts: unknown[]) => lines.push(parts.join(' '));
        try {
            await send();
        } finally {
            console.log = print;
        }
    };
    const textClaim = () => f.worker.send({ to: escrow.address, value: toNano('0.05'), body: text.body });
    if (scenario === 'text') {
        await trace(textClaim);
    } else {
        await textClaim();
        const body = buildClaimRewardBody(own.intent, own.signature);
        await trace(() => f.worker2.send({ to: escrow.address, value: toNano('0.05'), body }));
    }
    return stepsOf(lines.join('\n'));
}

async function main() {
    const scenario = process.argv[2];
    if (scenario !== 'binary' && scenario !== 'text') throw new Error('usage: npm run bench:gas-trace -- binary|text');
    const steps = await traceClaim(scenario);
    for (const step of steps) console.log(`${String(step.total).padStart(6)} ${String(step.gas).padStart(4)}  ${step.instruction}`);
    console.log(JSON.stringify({ scenario, instructions: steps.length, gas: steps.at(-1)?.total ?? 0 }));
}

main().catch((err) => {
    console.error(err);
    process.exit(1);
});
