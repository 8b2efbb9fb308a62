// What PostgreSQL's backends were doing during a phase, sampled from pg_stat_activity: running or waiting for the
// disk or the client, waiting for a lock (with the statement, so a hot row shows by name), or idle inside a
// transaction while their node works between two statements (a lock they hold is held all that while).
import { Client } from 'pg';

const SAMPLE_EVERY_MS = 50;
const STATEMENT_CHARS = 48;

interface ActivityRow {
    state: string | null;
    wait_event_type: string | null;
    wait_event: string | null;
    query: string;
}

/** Average number of backends in each state over the samples, largest first. */
export type WaitProfile = Array<[what: string, backends: number]>;

export class PostgresWaits {
    private readonly counts = new Map<string, number>();
    private samples = 0;
    private timer?: NodeJS.Timeout;
    private inFlight = false;

    private constructor(private readonly client: Client) {}

    static async connect(databaseUrl: string): Promise<PostgresWaits> {
        const client = new Client({ connectionString: databaseUrl });
        await client.connect();
        return new PostgresWaits(client);
    }

    start(): void {
        this.counts.clear();
        this.samples = 0;
        this.timer = setInterval(() => void this.sample(), SAMPLE_EVERY_MS);
    }

    stop(): WaitProfile {
        clearInterval(this.timer);
        const samples = Math.max(1, this.samples);
        return [...this.counts].map(([what, n]): [string, number] => [what, n / samples]).sort((a, b) => b[1] - a[1]);
    }

    close(): Promise<void> {
        clearInterval(this.timer);
        return this.client.end();
    }

    private async sample(): Promise<void> {
        if (this.inFlight) return;
        this.inFlight = true;
        try {
            const { rows } = await this.client.query<ActivityRow>(
                `SELECT state, wait_event_type, wait_event, query FROM pg_stat_activity
                 WHERE datname = current_database() AND pid <> pg_backend_pid() AND state IN ('active', 'idle in transaction')`,
            );
            this.samples++;
            for (const row of rows) {
                const what = describe(row);
                this.counts.set(what, (this.counts.get(what) ?? 0) + 1);
            }
        } finally {
            this.inFlight = false;
        }
    }
}

function describe(row: ActivityRow): string {
    if (row.state === 'idle in transaction') return 'in a transaction, waiting for its node';
    if (row.wait_event_type === 'Lock') return `lock wait: ${row.query.replace(/\s+/g, ' ').trim().slice(0, STATEMENT_CHARS)}`;
    if (row.wait_event_type === null || row.wait_event_type === 'CPU') return 'running';
    return `${row.wait_event_type}: ${row.wait_event}`;
}

/** The profile in one short cell: the three largest, backends on average. */
export function summarise(profile: WaitProfile, top = 3): string {
    return profile.slice(0, top).map(([what, n]) => `${what} ${n.toFixed(1)}`).join('; ') || '-';
}
