// Runs before `npm start`, `npm run devnet` and `npm run demo`: they load the contracts' compiled wrappers from
// build/, which a fresh clone does not have. Compiles them when build/ is missing or older than a source in
// contracts/, and otherwise does nothing, so a start costs no compile once they are built.
import { spawnSync } from 'child_process';
import { existsSync, readdirSync, statSync } from 'fs';
import { join } from 'path';

const ROOT = join(__dirname, '..');

/** The wrappers the programs import; each is written by one `npm run build`. */
const BUILT_WRAPPERS = ['build/EscrowMaster/EscrowMaster_EscrowMaster.ts', 'build/TaskEscrow/TaskEscrow_TaskEscrow.ts'];

function newestSourceMs(dir: string): number {
    let newest = 0;
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) newest = Math.max(newest, newestSourceMs(path));
        else if (entry.name.endsWith('.tact')) newest = Math.max(newest, statSync(path).mtimeMs);
    }
    return newest;
}

/** Why the contracts must be compiled now, or null when build/ is up to date. */
export function staleBuildReason(root = ROOT): string | null {
    const wrappers = BUILT_WRAPPERS.map((file) => join(root, file));
    if (!wrappers.every(existsSync)) return 'build/ has no compiled contracts yet';
    const builtMs = Math.min(...wrappers.map((file) => statSync(file).mtimeMs));
    return newestSourceMs(join(root, 'contracts')) > builtMs ? 'contracts/ changed since the last build' : null;
}

function main(): void {
    const reason = staleBuildReason();
    if (reason === null) return;
    process.stderr.write(`compiling the contracts (${reason}): npm run build\n`);
    const build = spawnSync('npm', ['run', '-s', 'build'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
    if (build.status !== 0) {
        process.stderr.write('compiling the contracts failed; run `npm run build` to see why\n');
        process.exit(1);
    }
}

if (require.main === module) main();
