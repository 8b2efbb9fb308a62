// The web app's frequent reads use indexes: SQLite's plan names them instead of scanning every result.
import { openDatabase } from '../../../backend/src/store/database';

describe('indexes for the web app reads', () => {
    const db = openDatabase(':memory:');
    afterAll(() => db.close());

    function plan(query: string, ...params: unknown[]): string {
        return (db.prepare(`EXPLAIN QUERY PLAN ${query}`).all(...params) as Array<{ detail: string }>).map((r) => r.detail).join('; ');
    }

    it("a wallet's valid results are found by the executor index", () => {
        expect(plan("SELECT task_id FROM results WHERE wallet = ? AND verdict = 'valid'", '0:' + '1'.repeat(64))).toMatch(/results_by_executor/);
    });

    it('results in a time window are found by the arrival index', () => {
        expect(plan('SELECT COUNT(*) FROM results WHERE received_at_ms > ? AND received_at_ms <= ?', 0, 1)).toMatch(/results_by_arrival/);
    });
});
