// WAL checkpoints off the event loop. By default SQLite runs a checkpoint (copying the WAL back into the database,
// with its fsyncs) inside whichever commit crosses 1000 WAL pages, stalling every request behind it. The service's
// connection turns that off, and a worker thread with its own connection checkpoints on a timer instead.
// Durability is unchanged: commits are durable in the WAL; checkpoints only bound its size.
import { Worker } from 'worker_threads';
import { Db } from './database';

/** How often the worker checkpoints. */
export const CHECKPOINT_INTERVAL_MS = 200;

const CHECKPOINT_LOOP = `
const { workerData, parentPort } = require('worker_threads');
const Database = require(workerData.sqliteModule);
const db = new Database(workerData.path);
db.pragma('busy_timeout = 5000');
const timer = setInterval(() => {
    try { db.pragma('wal_checkpoint(PASSIVE)'); } catch (err) { parentPort.postMessage(String(err)); }
}, workerData.intervalMs);
parentPort.on('message', () => { clearInterval(timer); db.close(); process.exit(0); });
`;

export interface Checkpointer {
    stop(): Promise<void>;
}

/** Moves `db`'s checkpoints to a worker thread; `onError` hears about checkpoints that failed. */
export function startCheckpointer(db: Db, onError: (message: string) => void): Checkpointer {
    if (db.memory) return { stop: async () => undefined };
    db.pragma('wal_autocheckpoint = 0');
    const worker = new Worker(CHECKPOINT_LOOP, {
        eval: true,
        workerData: { path: db.name, sqliteModule: require.resolve('better-sqlite3'), intervalMs: CHECKPOINT_INTERVAL_MS },
    });
    worker.on('message', (message) => onError(String(message)));
    worker.on('error', (err) => onError(String(err)));
    worker.unref();
    return {
        async stop() {
            const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
            worker.postMessage('stop');
            await exited;
            // Leave a short WAL behind for the next start.
            if (db.open) db.pragma('wal_checkpoint(TRUNCATE)');
        },
    };
}
