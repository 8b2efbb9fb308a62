// The funding transaction `create` received, kept on disk for `fund`: the service hands it out only once, in the
// creation's answer.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CreatedTask } from '../../protocol';
import { UsageError } from '../usage';

function pathOf(stateDir: string, taskId: string): string {
    return join(stateDir, `task-${taskId}.json`);
}

export function saveCreated(stateDir: string, created: CreatedTask): string {
    mkdirSync(stateDir, { recursive: true, mode: 0o700 });
    const path = pathOf(stateDir, created.task_id);
    writeFileSync(path, `${JSON.stringify(created, null, 2)}\n`);
    return path;
}

export function loadCreated(stateDir: string, taskId: string): CreatedTask {
    const path = pathOf(stateDir, taskId);
    try {
        return JSON.parse(readFileSync(path, 'utf8')) as CreatedTask;
    } catch {
        throw new UsageError(`no funding transaction for task ${taskId} in ${stateDir}; create saves it there (see --state-dir)`);
    }
}
