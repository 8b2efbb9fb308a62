// A devnet kept in a file, so it survives a restart when the file does (devnetSaver keeps the file current after
// every change). Built on @ton/sandbox's own snapshot serialization (snapshotToSerializable /
// snapshotFromSerializable).
//
// Kept: every account (code, data, balance, extra currencies, last transaction, storage stats), the whole
// transaction log with its logs and parent/child links (so histories and getTransactions paging carry over), logical
// time, the clock, the network config, global libraries, the random seed and previous-blocks info, log verbosity and
// the createWallets counter. Not kept: messages still queued (saveDevnet waits for the devnet's sends in progress
// to finish first), contract names the sandbox keeps for debugging, coverage data, and debugger and recordStorage
// settings, which start at their defaults again.
import { randomBytes } from 'crypto';
import { open, readFile, rename, unlink } from 'fs/promises';
import { Blockchain, snapshotFromSerializable, snapshotToSerializable } from '@ton/sandbox';
import { inTurn } from './chainTurns';

/** Names the file's layout; a file with another is refused rather than half-read. */
const FORMAT = 'gstd-devnet/1';

interface DevnetFile {
    format: typeof FORMAT;
    savedAt: string;
    snapshot: ReturnType<typeof snapshotToSerializable>;
}

/**
 * Writes the chain to `file` once the devnet's sends in progress have finished. Atomic: the state goes to a
 * temporary file beside it, synced, then renamed over `file`, so a crash leaves the old file or the new, never half.
 */
export async function saveDevnet(blockchain: Blockchain, file: string): Promise<void> {
    const snapshot = await inTurn(blockchain, async () => snapshotToSerializable(blockchain.snapshot()));
    const content: DevnetFile = { format: FORMAT, savedAt: new Date().toISOString(), snapshot };
    const temporary = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    const handle = await open(temporary, 'wx');
    try {
        await handle.writeFile(JSON.stringify(content));
        await handle.sync();
    } finally {
        await handle.close();
    }
    try {
        await rename(temporary, file);
    } catch (err) {
        await unlink(temporary).catch(() => undefined);
        throw err;
    }
}

/** The chain saved in `file`, or null when there is no such file. Throws, naming the file, when it cannot be read. */
export async function loadDevnet(file: string): Promise<Blockchain | null> {
    let text: string;
    try {
        text = await readFile(file, 'utf8');
    } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw err;
    }
    const saved = parseDevnetFile(text, file);
    const blockchain = await Blockchain.create();
    try {
        await blockchain.loadFrom(snapshotFromSerializable(saved.snapshot));
    } catch (err) {
        throw new Error(`devnet state ${file} does not hold a sandbox snapshot: ${(err as Error).message}`, { cause: err });
    }
    return blockchain;
}

function parseDevnetFile(text: string, file: string): DevnetFile {
    let parsed: unknown;
    try {
        parsed = JSON.parse(text);
    } catch (err) {
        throw new Error(`devnet state ${file} is not JSON: ${(err as Error).message}`);
    }
    const format = (parsed as { format?: unknown } | null)?.format;
    if (format !== FORMAT) {
        throw new Error(`devnet state ${file} has format ${JSON.stringify(format)}, expected "${FORMAT}"`);
    }
    return parsed as DevnetFile;
}
