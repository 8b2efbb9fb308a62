// `npm run worker`: one worker process, as worker/src/workerCli.ts describes.
import { runWorkerCli } from './workerCli';

runWorkerCli(process.argv.slice(2));
