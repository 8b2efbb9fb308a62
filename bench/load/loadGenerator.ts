// The bench's handle on its load-generating child process (bench/load/loadClient.ts): one phase at a time, prepared
// first and then started, so whatever the bench measures on its side covers the requests and nothing else.
import { ChildProcess, fork } from 'node:child_process';
import { join } from 'node:path';
import { FromLoadClient, LoadPhase, LoadReport, ToLoadClient } from './loadPhase';

export class LoadGenerator {
    private constructor(private readonly child: ChildProcess) {}

    static start(): LoadGenerator {
        const child = fork(join(__dirname, 'loadClient.ts'), [], {
            cwd: join(__dirname, '..', '..'),
            // Only ts-node for the child: a profiler flag given to the bench must not profile the load as well.
            execArgv: ['-r', 'ts-node/register/transpile-only'],
            stdio: 'inherit',
        });
        return new LoadGenerator(child);
    }

    /** Hands the phase to the child; resolves once its requests are built and it waits for `go`. */
    async prepare(phase: LoadPhase): Promise<void> {
        await this.exchange({ kind: 'prepare', phase });
    }

    /** Sends the prepared phase's requests; resolves with the child's report. */
    async go(): Promise<LoadReport> {
        const answer = await this.exchange({ kind: 'go' });
        if (answer.kind !== 'report') throw new Error(`the load generator answered ${answer.kind} to go`);
        return answer.report;
    }

    /** The child's process id, to count the CPU the load itself costs. */
    get pid(): number {
        return this.child.pid!;
    }

    stop(): void {
        if (this.child.connected) this.child.disconnect();
    }

    private exchange(message: ToLoadClient): Promise<FromLoadClient> {
        return new Promise((resolve, reject) => {
            const onExit = (code: number | null) => reject(new Error(`the load generator exited (code ${code})`));
            this.child.once('exit', onExit);
            this.child.once('message', (answer: FromLoadClient) => {
                this.child.off('exit', onExit);
                if (answer.kind === 'error') reject(new Error(`the load generator failed: ${answer.error}`));
                else resolve(answer);
            });
            this.child.send(message);
        });
    }
}
