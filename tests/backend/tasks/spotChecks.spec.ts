// The operator's list of known answers: loaded once, idempotent, and refused with the file and entry named.
import { mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { canonicalResultHash } from '../../../backend/src/domain';
import { ServiceContext } from '../../../backend/src/service/context';
import { SqliteStore } from '../../../backend/src/store/sqliteStore';
import { addSpotCheck, loadSpotChecks } from '../../../backend/src/tasks/spotChecks';

describe('known answers', () => {
    const store = SqliteStore.open(':memory:');
    const db = store.db;
    const ctx = { store, nowMs: () => 0 } as unknown as ServiceContext;
    const dir = mkdtempSync(join(tmpdir(), 'gstd-spot-'));
    afterAll(() => store.close());

    function file(name: string, content: unknown): string {
        const path = join(dir, name);
        writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
        return path;
    }

    it('loads a list and stores each answer as the canonical hash of its output, once', async () => {
        const list = [
            { operation: 'hash', input: { text: 'a' }, output: { digest: 'x' } },
            { operation: 'hash', input: { text: 'b' }, output: { digest: 'y' } },
        ];
        expect(await loadSpotChecks(ctx, file('list.json', list))).toBe(2);
        expect(await loadSpotChecks(ctx, file('list.json', list))).toBe(2);
        const rows = db.prepare('SELECT operation, input, expected_hash FROM spot_checks ORDER BY id').all();
        expect(rows).toEqual([
            { operation: 'hash', input: '{"text":"a"}', expected_hash: canonicalResultHash({ digest: 'x' }) },
            { operation: 'hash', input: '{"text":"b"}', expected_hash: canonicalResultHash({ digest: 'y' }) },
        ]);
    });

    it('refuses a second, different answer for the same input', async () => {
        await expect(
            store.transaction((tx) => addSpotCheck(tx, { operation: 'hash', input: { text: 'a' }, output: { digest: 'other' } }, 0)),
        ).rejects.toThrow(/different answer/);
    });

    it('refuses a module that was never uploaded, and malformed entries, naming the file and the entry', async () => {
        const unknownModule = file('module.json', [{ operation: 'hash', input: 1, module_sha256: 'ab'.repeat(32), output: 2 }]);
        await expect(loadSpotChecks(ctx, unknownModule)).rejects.toThrow(/no module/);
        const malformed = file('malformed.json', [{ operation: 'hash', input: 1, output: 2 }, { operation: 'hash', input: 2 }]);
        await expect(loadSpotChecks(ctx, malformed)).rejects.toThrow(/malformed\.json: entry 1/);
        await expect(async () => loadSpotChecks(ctx, file('object.json', { operation: 'hash' }))).rejects.toThrow(/JSON array/);
        // Nothing of a refused file is kept.
        expect(db.prepare("SELECT COUNT(*) AS n FROM spot_checks WHERE input = '1'").get()).toEqual({ n: 0 });
    });
});
