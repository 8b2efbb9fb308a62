// Worker processes (the demo's worker: the worker CLI plus a behaviour, one wallet each), and what their progress
// lines say about each task.
import { ChildProcess } from 'node:child_process';
import { Address } from '@ton/core';
import { mnemonicNew } from '@ton/crypto';
import { TonNetwork, walletFromMnemonic, WorkerWallet } from '../client/wallet';
import { WorkerSummary } from '../worker/src/client/workerClient';
import { Behaviour } from './behaviours';
import { spawnTypeScript, stopChild } from './childProcesses';
import { RunningService } from './service';

export interface DemoWorker {
    name: string;
    behaviour: Behaviour;
    mnemonic: string[];
    wallet: WorkerWallet;
    /** The faucet's credit: this wallet's history in the demo starts after it. */
    startLt: bigint;
    child?: ChildProcess;
    stdout: string;
    summary?: WorkerSummary;
}

/** Per task, what the workers reported: the truthful results they submitted, and how each claim ended. */
export class WorkerReports {
    readonly truthful = new Map<string, Set<string>>();
    /** Paid, or given up on (the worker says why): either way nothing more will come. */
    readonly claimEnded = new Map<string, Set<string>>();
    /** Workers logged in, with a device, and listening for offers. */
    readonly ready = new Set<string>();
    /** Claims the workers saw paid. */
    claimsPaid = 0;

    note(worker: DemoWorker, line: string): void {
        if (/connected to the hub/.test(line)) this.ready.add(worker.name);
        const submitted = /task (\d+): result submitted( \(output replaced)?/.exec(line);
        if (submitted && !submitted[2]) add(this.truthful, submitted[1], worker.name);
        const ended = /task (\d+): (not )?paid /.exec(line);
        if (ended) add(this.claimEnded, ended[1], worker.name);
        if (ended && !ended[2]) this.claimsPaid++;
    }

    /** Every truthful result of the task has had its claim paid or abandoned, as its worker saw it. */
    claimsSettled(taskId: string): boolean {
        const owed = this.truthful.get(taskId) ?? new Set();
        const ended = this.claimEnded.get(taskId) ?? new Set();
        return [...owed].every((name) => ended.has(name));
    }
}

function add(map: Map<string, Set<string>>, key: string, value: string): void {
    map.set(key, (map.get(key) ?? new Set()).add(value));
}

export async function newWorker(index: number, behaviour: Behaviour, network: TonNetwork): Promise<Omit<DemoWorker, 'startLt'>> {
    const mnemonic = await mnemonicNew();
    return { name: `w${index + 1}-${behaviour}`, behaviour, mnemonic, wallet: await walletFromMnemonic(mnemonic, 'v4', network), stdout: '' };
}

// The lines worth showing while the demo runs; the rest (offers, hub connections) would drown them.
const SHOWN = /connected to the hub|claimed|submitted|abandoned|paid|refused|failed|warning|error/;

/** `service`: the node the worker talks to (any node of a cluster serves as well). */
export function startWorker(
    worker: DemoWorker,
    service: Pick<RunningService, 'url' | 'tonEndpoint' | 'proofDomain'>,
    reports: WorkerReports,
    show: (line: string) => void,
): void {
    const child = spawnTypeScript(
        'demo/demoWorker.ts',
        [
            worker.behaviour,
            '--service', service.url,
            '--mnemonic', worker.mnemonic.join(' '),
            '--wallet', 'v4',
            '--ton-endpoint', service.tonEndpoint,
            '--proof-domain', service.proofDomain,
            '--device-name', worker.name,
        ],
        {},
    );
    worker.child = child;
    let pending = '';
    child.stderr?.on('data', (chunk: Buffer) => {
        pending += chunk.toString('utf8');
        const lines = pending.split('\n');
        pending = lines.pop() ?? '';
        for (const line of lines) {
            reports.note(worker, line);
            if (SHOWN.test(line)) show(`[${worker.name}] ${line}`);
        }
    });
    child.stdout?.on('data', (chunk: Buffer) => (worker.stdout += chunk.toString('utf8')));
}

/** Stops the worker and reads the JSON summary it prints on the way out. */
export async function stopWorker(worker: DemoWorker): Promise<void> {
    if (!worker.child) return;
    await stopChild(worker.child, 10_000);
    try {
        worker.summary = JSON.parse(worker.stdout) as WorkerSummary;
    } catch {
        worker.summary = undefined;
    }
}

export function workerAddresses(workers: DemoWorker[]): Address[] {
    return workers.map((w) => w.wallet.address);
}
