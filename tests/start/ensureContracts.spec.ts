// `npm start`, `npm run devnet` and `npm run demo` compile the contracts first when build/ is missing or stale.
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { staleBuildReason } from '../../start/ensureContracts';

describe('staleBuildReason', () => {
    let root: string;
    const write = (file: string, atSeconds: number) => {
        mkdirSync(join(root, file, '..'), { recursive: true });
        writeFileSync(join(root, file), '');
        utimesSync(join(root, file), atSeconds, atSeconds);
    };

    beforeEach(() => {
        root = mkdtempSync(join(tmpdir(), 'ensure-contracts-'));
        write('contracts/escrow_master.tact', 1_000);
        write('contracts/test/parser_harness.tact', 1_000);
    });
    afterEach(() => rmSync(root, { recursive: true, force: true }));

    it('asks for a build on a fresh clone, which has no build/', () => {
        expect(staleBuildReason(root)).toMatch(/no compiled contracts/);
    });

    it('asks for a build when only one contract was compiled', () => {
        write('build/EscrowMaster/EscrowMaster_EscrowMaster.ts', 2_000);
        expect(staleBuildReason(root)).toMatch(/no compiled contracts/);
    });

    it('does nothing when every wrapper is newer than every source', () => {
        write('build/EscrowMaster/EscrowMaster_EscrowMaster.ts', 2_000);
        write('build/TaskEscrow/TaskEscrow_TaskEscrow.ts', 2_000);
        expect(staleBuildReason(root)).toBeNull();
    });

    it('asks for a build when a source, nested ones included, changed after the build', () => {
        write('build/EscrowMaster/EscrowMaster_EscrowMaster.ts', 2_000);
        write('build/TaskEscrow/TaskEscrow_TaskEscrow.ts', 2_000);
        write('contracts/test/parser_harness.tact', 3_000);
        expect(staleBuildReason(root)).toMatch(/contracts\/ changed/);
    });
});
