// The demo's worker process: `demoWorker.ts <honest|liar|dropout> <worker CLI flags>`. The worker CLI with the
// behaviour's task hooks; the production CLI (worker/src/cli.ts) has no way to lie or drop out.
import { runWorkerCli } from '../worker/src/workerCli';
import { behaviourHooks, BEHAVIOURS, isBehaviour } from './behaviours';

const [behaviour, ...flags] = process.argv.slice(2);
if (behaviour === undefined || !isBehaviour(behaviour)) {
    process.stderr.write(`usage: demoWorker.ts ${BEHAVIOURS.join('|')} <worker CLI flags>\n`);
    process.exit(2);
}
runWorkerCli(flags, behaviourHooks(behaviour));
