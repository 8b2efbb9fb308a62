// The migration that moves accuracy to the wallet merges each wallet's existing device records, as
// mergeAccuracy does, and leaves the devices' own columns as they were.
import Database from 'better-sqlite3';
import { mergeAccuracy } from '../../../backend/src/domain';
import { migrate } from '../../../backend/src/store/database';
import { MIGRATIONS } from '../../../backend/src/store/migrations';

const WALLET_TRUST_MIGRATION = MIGRATIONS.findIndex((m) => m.includes('CREATE TABLE wallet_trust'));

describe('wallet_trust migration', () => {
    it('sums each wallet’s device evidence above the prior; a wallet with no device has no row', () => {
        const db = new Database(':memory:');
        db.exec('CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL)');
        for (let v = 0; v < WALLET_TRUST_MIGRATION; v++) {
            db.exec(MIGRATIONS[v]);
            db.prepare('INSERT INTO schema_migrations (version, applied_at) VALUES (?, 0)').run(v + 1);
        }
        const insert = db.prepare(
            `INSERT INTO devices (id, wallet, name, capabilities, accuracy_alpha, accuracy_beta, latency_ewma_ms, stability, created_at)
             VALUES (?, ?, ?, '[]', ?, ?, NULL, 0.5, 0)`,
        );
        insert.run('liar-old', '0:aa', 'old', 1.5, 3.94);
        insert.run('liar-new', '0:aa', 'new', 1, 1);
        insert.run('honest', '0:bb', 'main', 6.2, 1.3);
        insert.run('honest-2', '0:bb', 'spare', 2.5, 1);

        expect(migrate(db)).toBe(MIGRATIONS.length);
        const rows = db.prepare('SELECT wallet, accuracy_alpha, accuracy_beta FROM wallet_trust ORDER BY wallet').all() as Array<{
            wallet: string;
            accuracy_alpha: number;
            accuracy_beta: number;
        }>;
        const liar = mergeAccuracy([
            { accuracyAlpha: 1.5, accuracyBeta: 3.94 },
            { accuracyAlpha: 1, accuracyBeta: 1 },
        ]);
        const honest = mergeAccuracy([
            { accuracyAlpha: 6.2, accuracyBeta: 1.3 },
            { accuracyAlpha: 2.5, accuracyBeta: 1 },
        ]);
        expect(rows.map((r) => r.wallet)).toEqual(['0:aa', '0:bb']);
        expect(rows[0].accuracy_alpha).toBeCloseTo(liar.accuracyAlpha, 12);
        expect(rows[0].accuracy_beta).toBeCloseTo(liar.accuracyBeta, 12);
        expect(rows[1].accuracy_alpha).toBeCloseTo(honest.accuracyAlpha, 12);
        expect(rows[1].accuracy_beta).toBeCloseTo(honest.accuracyBeta, 12);
        expect(db.prepare("SELECT accuracy_alpha, accuracy_beta FROM devices WHERE id = 'liar-old'").get()).toEqual({
            accuracy_alpha: 1.5,
            accuracy_beta: 3.94,
        });
        db.close();
    });
});
