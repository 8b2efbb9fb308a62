// The schema, as an append-only list of migrations: never edit one that has shipped, add the next.
// Money is TEXT holding decimal nanotons (SQLite integers are signed 64-bit; budgets go up to 10^19 − 1).
// Addresses are TEXT in raw form (`0:<hex>`), normalised by @ton/core before they get here.

export const MIGRATIONS: readonly string[] = [
    `
    CREATE TABLE devices (
        id              TEXT PRIMARY KEY,
        wallet          TEXT NOT NULL,
        name            TEXT NOT NULL,
        capabilities    TEXT NOT NULL,           -- JSON array of strings, sorted
        accuracy_alpha  REAL NOT NULL,
        accuracy_beta   REAL NOT NULL,
        latency_ewma_ms REAL,
        stability       REAL NOT NULL,
        created_at      INTEGER NOT NULL,
        UNIQUE (wallet, name)
    );

    CREATE TABLE modules (
        sha256     TEXT PRIMARY KEY,              -- hex of the module's bytes
        bytes      BLOB NOT NULL,
        created_at INTEGER NOT NULL
    );

    CREATE TABLE tasks (
        id                   TEXT PRIMARY KEY,    -- decimal task id, as the escrow knows it
        requester            TEXT NOT NULL,
        operation            TEXT NOT NULL,
        input                TEXT NOT NULL,       -- canonical JSON
        module_sha256        TEXT REFERENCES modules (sha256),
        budget               TEXT NOT NULL,
        reward               TEXT NOT NULL,       -- gross nanotons per valid result
        redundancy           INTEGER NOT NULL,    -- the quorum
        max_results          INTEGER NOT NULL,    -- cap on results, and the escrow's result slots
        slots_open           INTEGER NOT NULL,    -- quorum plus arbitration slots opened so far
        min_trust_score      REAL NOT NULL,
        deadline             INTEGER NOT NULL,    -- unix seconds
        slot_timeout_seconds INTEGER NOT NULL,
        status               TEXT NOT NULL,
        escrow               TEXT NOT NULL,
        funding_id           TEXT,
        fee_bps              INTEGER,
        canonical_hash       TEXT,
        escrow_problem       TEXT,
        created_at           INTEGER NOT NULL,
        updated_at           INTEGER NOT NULL
    );
    CREATE INDEX tasks_by_status ON tasks (status, deadline);

    CREATE TABLE assignments (
        task_id        TEXT NOT NULL REFERENCES tasks (id),
        device_id      TEXT NOT NULL REFERENCES devices (id),
        wallet         TEXT NOT NULL,
        status         TEXT NOT NULL CHECK (status IN ('active', 'delivered', 'timed_out')),
        assigned_at_ms INTEGER NOT NULL,
        expires_at_ms  INTEGER NOT NULL,
        PRIMARY KEY (task_id, device_id),
        UNIQUE (task_id, wallet)                  -- quorum diversity, enforced by the store itself
    );
    CREATE INDEX assignments_by_expiry ON assignments (status, expires_at_ms);

    CREATE TABLE results (
        task_id        TEXT NOT NULL REFERENCES tasks (id),
        device_id      TEXT NOT NULL REFERENCES devices (id),
        wallet         TEXT NOT NULL,
        result_hash    TEXT NOT NULL,
        output         TEXT NOT NULL,             -- canonical JSON
        turnaround_ms  INTEGER NOT NULL,
        received_at_ms INTEGER NOT NULL,
        verdict        TEXT CHECK (verdict IN ('valid', 'invalid')),
        late           INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (task_id, device_id)
    );
    CREATE INDEX results_by_wallet ON results (task_id, wallet);

    CREATE TABLE collisions (
        task_id       TEXT NOT NULL REFERENCES tasks (id),
        received      INTEGER NOT NULL,
        largest_group INTEGER NOT NULL,
        resolution    TEXT NOT NULL CHECK (resolution IN ('arbitrate', 'failed')),
        at_ms         INTEGER NOT NULL,
        PRIMARY KEY (task_id, received)
    );

    CREATE TABLE entropy (
        operation  TEXT PRIMARY KEY,
        decisions  REAL NOT NULL,
        collisions REAL NOT NULL
    );

    CREATE TABLE payout_intents (
        task_id         TEXT NOT NULL REFERENCES tasks (id),
        executor        TEXT NOT NULL,
        amount          TEXT NOT NULL,
        valid_until     INTEGER NOT NULL,
        payload_comment TEXT NOT NULL,
        created_at      INTEGER NOT NULL,
        PRIMARY KEY (task_id, executor)           -- the current intent; a fresh one replaces an expired one
    );

    CREATE TABLE claims_paid (
        task_id  TEXT NOT NULL REFERENCES tasks (id),
        executor TEXT NOT NULL,
        amount   TEXT NOT NULL,
        lt       TEXT NOT NULL,
        tx_hash  TEXT NOT NULL,
        seen_at  INTEGER NOT NULL,
        PRIMARY KEY (task_id, executor)
    );
    `,
    `
    -- Offers: one per queue entry dispatched. The sequence is the cursor devices replay from; the entry id makes
    -- dispatch idempotent when a queue delivers an entry again.
    CREATE TABLE offers (
        seq        INTEGER PRIMARY KEY AUTOINCREMENT,
        entry_id   TEXT NOT NULL UNIQUE,
        task_id    TEXT NOT NULL REFERENCES tasks (id),
        created_at INTEGER NOT NULL
    );
    CREATE INDEX offers_by_task ON offers (task_id);
    `,
    `
    -- The intent's payload (the comment's cell as base64 BOC), built once when the intent is signed.
    ALTER TABLE payout_intents ADD COLUMN payload TEXT;
    `,
    `
    -- Outbox: a row per task opening, written in the transaction that opens it, removed once the queue holds it.
    -- A crash between commit and publish loses nothing: the relay publishes what is left on the next start.
    CREATE TABLE queue_outbox (
        id         INTEGER PRIMARY KEY AUTOINCREMENT,
        task_id    TEXT NOT NULL REFERENCES tasks (id),
        created_at INTEGER NOT NULL
    );
    `,
    `
    -- Accuracy follows the wallet: a new device of a wallet starts from the wallet's record, not from nothing.
    -- Existing records are merged per wallet as mergeAccuracy does: the evidence above the prior (1, 1), summed.
    -- The devices keep their own columns: latency and stability stay per machine, and accuracy per device is
    -- still kept as that device's own history.
    CREATE TABLE wallet_trust (
        wallet         TEXT PRIMARY KEY,
        accuracy_alpha REAL NOT NULL,
        accuracy_beta  REAL NOT NULL
    );
    INSERT INTO wallet_trust (wallet, accuracy_alpha, accuracy_beta)
        SELECT wallet, 1 + SUM(accuracy_alpha - 1), 1 + SUM(accuracy_beta - 1) FROM devices GROUP BY wallet;

    -- Known-answer spot checks: the operator's list of inputs whose canonical result the service knows.
    CREATE TABLE spot_checks (
        id            INTEGER PRIMARY KEY AUTOINCREMENT,
        operation     TEXT NOT NULL,
        input         TEXT NOT NULL,              -- canonical JSON
        module_sha256 TEXT REFERENCES modules (sha256),
        expected_hash TEXT NOT NULL,
        created_at    INTEGER NOT NULL,
        UNIQUE (operation, input, module_sha256)
    );
    -- A spot check is issued as a task of its own, offered to one wallet only, with no escrow behind it.
    ALTER TABLE tasks ADD COLUMN spot_check_id INTEGER REFERENCES spot_checks (id);
    ALTER TABLE tasks ADD COLUMN spot_check_wallet TEXT;
    `,
    `
    -- Reads that the web app made frequent: a wallet's rewards (GET /api/v1/payouts) and results per second over
    -- a recent window (GET /api/v1/stats). Without these they scan every result.
    CREATE INDEX results_by_executor ON results (wallet, verdict);
    CREATE INDEX results_by_arrival ON results (received_at_ms);
    `,
    `
    -- A requester's tasks a page at a time (GET /api/v1/tasks): newest first, each page starting after the last
    -- one's (created_at, id), found by seeking this index rather than by scanning or skipping rows.
    CREATE INDEX tasks_by_requester ON tasks (requester, created_at, id);
    `,
];
