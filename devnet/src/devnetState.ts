// A devnet kept in a file, so it survives a restart when the file does (devnetSaver keeps the file current after
// every change). Built on @ton/sandbox's own snapshot serialization (snapshotToSerializable /
// snapshotFromSerializable), with one correction: each transaction is kept as the BOC the emulator produced, not as
// the sandbox's re-encoding of it. A transaction's hash is its cell's hash, and the parent/child links are saved
// as hashes; re-encoding a message may move its StateInit or body between the message cell and a reference (as
// it does for FundTask's message deploying the TaskEscrow), which changes the hash, so the links to it would
// dangle on load (issue 11).
//
// Kept: every account (code, data, balance, extra currencies, last transaction, storage stats), the whole
// transaction log with its logs and parent/child links (so histories and getTransactions paging carry over), logical
// time, the clock, the network config, global libraries, the random seed and previous-blocks info, log verbosity and
// the createWallets counter. An account's re-encoding is exact (its layout leaves the encoder no choices). Not kept:
// messages still queued (saveDevnet waits for the devnet's sends in progress to finish first), contract names the
// sandbox keeps for debugging, coverage data, and debugger and recordStorage settings, which start at their
// defaults again.
import { randomBytes } from 'crypto';
import { open, readFile, rename, unlink } from 'fs/promises';
import { Blockchain, BlockchainSnapshot, snapshotFromSerializable, snapshotToSerializable } from '@ton/sandbox';
import { inTurn } from './chainTurns';

/**
 * Names the file's layout; a file with another is refused rather than half-read. Version 1 held the sandbox's
 * re-encoding of each transaction, which changes some hashes (see above); such a file is still read when every link
 * in it resolves, and refused when one dangles.
 */
const FORMAT = 'gstd-devnet/2';
const READABLE_FORMATS: readonly string[] = ['gstd-devnet/1', FORMAT];

/** The sandbox's serializable snapshot, which the package does not export by name. */
type SerializableSnapshot = ReturnType<typeof snapshotToSerializable>;

interface DevnetFile {
    format: string;
    savedAt: string;
    snapshot: SerializableSnapshot;
}

/** The sandbox's serializable snapshot, each transaction as the emulator's own BOC. */
function serializable(snapshot: BlockchainSnapshot): SerializableSnapshot {
    const serialized = snapshotToSerializable(snapshot);
    serialized.transactions.forEach((saved, i) => {
        saved.transaction = snapshot.transactions[i].raw.toBoc().toString('base64');
    });
    return serialized;
}

/**
 * Writes the chain to `file` once the devnet's sends in progress have finished. Atomic: the state goes to a
 * temporary file beside it, synced, then renamed over `file`, so a crash leaves the old file or the new, never half.
 */
export async function saveDevnet(blockchain: Blockchain, file: string): Promise<void> {
    const snapshot = await inTurn(blockchain, async () => serializable(blockchain.snapshot()));
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
    let snapshot: BlockchainSnapshot;
    try {
        snapshot = snapshotFromSerializable(saved.snapshot);
    } catch (err) {
        throw new Error(`devnet state ${file} does not hold a sandbox snapshot: ${(err as Error).message}`, { cause: err });
    }
    const dangling = danglingLink(saved.snapshot, snapshot);
    if (dangling) {
        throw new Error(
            `devnet state ${file} names transaction ${dangling} as a parent or child, but holds no transaction ` +
                'with that hash; it was written before transactions were kept as their own BOCs. ' +
                'Move the file aside to start a fresh devnet.',
        );
    }
    const blockchain = await Blockchain.create();
    try {
        await blockchain.loadFrom(snapshot);
    } catch (err) {
        throw new Error(`devnet state ${file} does not hold a sandbox snapshot: ${(err as Error).message}`, { cause: err });
    }
    return blockchain;
}

/**
 * The first parent or child hash in `serialized` that names no transaction of `loaded` (which the sandbox would
 * leave as undefined, to fail at the next save), or null when every link resolves.
 */
function danglingLink(serialized: SerializableSnapshot, loaded: BlockchainSnapshot): string | null {
    const hashes = new Set(loaded.transactions.map((tx) => tx.hash().toString('hex')));
    for (const { parentHash, childrenHashes } of serialized.transactions) {
        const missing = [parentHash, ...childrenHashes].find((hash) => hash !== undefined && !hashes.has(hash));
        if (missing) return missing;
    }
    return null;
}

function parseDevnetFile(text: string, file: string): DevnetFile {
    let parsed: unknown;
    try {
        parsed = JSON.parse(text);
    } catch (err) {
        throw new Error(`devnet state ${file} is not JSON: ${(err as Error).message}`);
    }
    const format = (parsed as { format?: unknown } | null)?.format;
    if (typeof format !== 'string' || !READABLE_FORMATS.includes(format)) {
        throw new Error(`devnet state ${file} has format ${JSON.stringify(format)}, expected "${FORMAT}"`);
    }
    return parsed as DevnetFile;
}
