// The workloads this worker can run: every module in worker/modules/dist/manifest.json.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const MANIFEST_PATH = join(__dirname, '..', '..', 'modules', 'dist', 'manifest.json');

export function workloadNames(manifestPath: string = MANIFEST_PATH): string[] {
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Record<string, unknown>;
    return Object.keys(manifest).sort();
}
