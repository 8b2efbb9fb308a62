// `create`'s module and input, checked here before anything is sent: the bundled workload named, its built module,
// and an input its schema takes (the schema the service checks too).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { WORKLOADS, workloadNamed } from '../../worker/src/workloads/registry';
import { Workload } from '../../worker/src/workloads/workload';
import { UsageError } from '../usage';

export const MODULES_DIR = join(__dirname, '..', '..', 'worker', 'modules', 'dist');

export function workloadOf(name: string): Workload {
    const workload = workloadNamed(name);
    if (!workload) throw new UsageError(`--module ${JSON.stringify(name)} is not a bundled module; one of ${WORKLOADS.map((w) => w.name).join(', ')}`);
    return workload;
}

/** The input from `--input`: JSON text, or `@path` of a file holding it, checked against the workload's schema. */
export function taskInputOf(text: string, workload: Workload): unknown {
    let json = text;
    if (text.startsWith('@')) {
        try {
            json = readFileSync(text.slice(1), 'utf8');
        } catch (error) {
            throw new UsageError(`--input ${text}: cannot read the file (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
        }
    }
    let input: unknown;
    try {
        input = JSON.parse(json);
    } catch {
        throw new UsageError(`--input is not JSON: ${JSON.stringify(json.length > 60 ? `${json.slice(0, 60)}…` : json)}`);
    }
    const problem = workload.inputProblem(input);
    if (problem !== null) throw new UsageError(`--input does not fit ${workload.name}: ${problem}`);
    return input;
}

export function moduleBytes(workload: Workload): Uint8Array {
    try {
        return readFileSync(join(MODULES_DIR, `${workload.name}.wasm`));
    } catch {
        throw new UsageError(`the ${workload.name} module is not built; run npm run modules`);
    }
}
