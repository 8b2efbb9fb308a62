// What validation has produced so far, counted from the store: results and their verdicts, and the consensus
// rounds per operation type. Every number only grows (results, collisions and final tasks are never rewritten),
// so they serve as counters, the same on every node and across restarts.
import { Sql } from '../store/sql';

export type CountedVerdict = 'valid' | 'invalid' | 'unjudged';

export interface ResultCounts {
    received: number;
    /** Results with a final verdict; `unjudged`: left without one when their task failed or expired. */
    verdicts: Record<CountedVerdict, number>;
}

export async function resultCounts(db: Sql): Promise<ResultCounts> {
    // A result still awaiting its decision has no verdict yet and is counted under none.
    const rows = await db.all<{ verdict: CountedVerdict | null; n: number }>(
        `SELECT CASE WHEN r.verdict IS NOT NULL THEN r.verdict
                     WHEN t.status IN ('failed', 'expired') THEN 'unjudged' END AS verdict, COUNT(*) AS n
         FROM results r JOIN tasks t ON t.id = r.task_id GROUP BY 1`,
    );
    const verdicts: Record<CountedVerdict, number> = { valid: 0, invalid: 0, unjudged: 0 };
    let received = 0;
    for (const { verdict, n } of rows) {
        received += n;
        if (verdict !== null) verdicts[verdict] = n;
    }
    return { received, verdicts };
}

export interface OperationDecisions {
    operation: string;
    /** Consensus rounds that ended: a majority, or a collision (as the operation's entropy counts them). */
    decisions: number;
    collisions: number;
    /** When the operation's first round ended: the order in which operations earn a label of their own. */
    firstAtMs: number;
}

/**
 * Per operation type, oldest first. A majority validates its task (spot checks, judged without peers, are not
 * rounds); a collision leaves a row in `collisions`. A validated task's `updated_at` is when it was decided.
 */
export async function decisionsByOperation(db: Sql): Promise<OperationDecisions[]> {
    // PostgreSQL sums integers into BIGINT or NUMERIC: every number is read back through Number().
    const rows = await db.all<{ operation: string; decisions: number | string; collisions: number | string; first_at_ms: number | string }>(
        `SELECT operation, SUM(decision) AS decisions, SUM(collision) AS collisions, MIN(at_ms) AS first_at_ms FROM (
             SELECT t.operation, c.at_ms, 1 AS decision, 1 AS collision FROM collisions c JOIN tasks t ON t.id = c.task_id
             UNION ALL
             SELECT operation, updated_at, 1, 0 FROM tasks WHERE status = 'validated' AND spot_check_id IS NULL
         ) AS rounds GROUP BY operation ORDER BY first_at_ms, operation`,
    );
    return rows.map((r) => ({
        operation: r.operation,
        decisions: Number(r.decisions),
        collisions: Number(r.collisions),
        firstAtMs: Number(r.first_at_ms),
    }));
}
