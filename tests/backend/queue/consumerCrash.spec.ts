// Consumer A takes a batch and is SIGKILLed partway through dispatching it. Consumer B's reclaimer must take over
// what A left pending, so that every entry is dispatched (exactly once in the dispatch log) and none stays pending.
import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { RedisStreamsQueue } from '../../../backend/src/queue/redisStreamsQueue';
import { QueueEntry } from '../../../backend/src/queue/taskQueue';
import type { CrashingConsumerSettings } from './crashingConsumer';
import { readDispatchLog, recordDispatch } from './dispatchLog';
import { recordingHandler } from './queueBehaviour';
import { fastQueue, freshKeys, outstandingEntries, pendingEntries, useRedisServer } from './redisQueueFixture';
import { waitUntil } from './waitUntil';

const ENTRIES = 80;
const BATCH = 50;
const RECORD_AND_FINISH = 10;
const RECORD_ONLY = 10;
const REPO_ROOT = join(__dirname, '..', '..', '..');

interface Child {
    process: ChildProcess;
    exited: Promise<void>;
    output(): string;
}

function runCrashingConsumer(settings: CrashingConsumerSettings): Child {
    const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', join(__dirname, 'crashingConsumer.ts')], {
        cwd: REPO_ROOT,
        env: { ...process.env, CRASH_TEST: JSON.stringify(settings) },
        stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    return { process: child, exited, output: () => output };
}

function isRunning(child: ChildProcess): boolean {
    return child.exitCode === null && child.signalCode === null;
}

describe('a consumer killed in the middle of a batch', () => {
    const redis = useRedisServer();
    let consumerA: Child | undefined;
    let consumerB: RedisStreamsQueue | undefined;

    afterEach(async () => {
        if (consumerA && isRunning(consumerA.process)) consumerA.process.kill('SIGKILL');
        await consumerA?.exited;
        await consumerB?.close();
        consumerA = consumerB = undefined;
    });

    it('leaves every entry dispatched exactly once: another consumer takes over what it held', async () => {
        const admin = redis.admin();
        const keys = freshKeys();
        const logKey = `${keys.stream}:dispatched`;
        const publisher = fastQueue(redis.url(), keys);
        const ids: string[] = [];
        for (let i = 0; i < ENTRIES; i++) ids.push(await publisher.publish(`task-${i}`));
        await publisher.close();
        const entry = (id: string, deliveries: number): QueueEntry => ({ id, taskId: `task-${ids.indexOf(id)}`, dispatchKey: id, deliveries });

        consumerA = runCrashingConsumer({
            url: redis.url(),
            keys,
            logKey,
            consumer: 'A',
            batchSize: BATCH,
            recordAndFinish: RECORD_AND_FINISH,
            recordOnly: RECORD_ONLY,
        });
        const a = consumerA;
        await waitUntil(
            async () => {
                if (!isRunning(a.process)) throw new Error(`consumer A exited early:\n${a.output()}`);
                const recorded = await admin.hlen(logKey);
                return recorded === RECORD_AND_FINISH + RECORD_ONLY && (await pendingEntries(admin, keys)).length === BATCH - RECORD_AND_FINISH;
            },
            'A has recorded 20 entries of its batch of 50 and acknowledged 10',
            30_000,
        );
        a.process.kill('SIGKILL');
        await a.exited;
        const leftByA = await pendingEntries(admin, keys);
        expect(leftByA.map((p) => p.id)).toEqual(ids.slice(RECORD_AND_FINISH, BATCH));
        expect(new Set(leftByA.map((p) => p.consumer))).toEqual(new Set(['A']));

        let freshByB = 0;
        const { calls, handler } = recordingHandler(async (e) => {
            // The service's rule: an entry already recorded (by A, before it died) is done; resolve.
            if (await recordDispatch(admin, logKey, e, 'B')) freshByB++;
        });
        consumerB = fastQueue(redis.url(), keys, { consumer: 'B', batchSize: 10 });
        consumerB.start(handler);
        await waitUntil(
            async () => (await admin.hlen(logKey)) === ENTRIES && (await outstandingEntries(admin, keys)) === 0,
            'every entry is dispatched and acknowledged',
            15_000,
        );
        await consumerB.close();

        const log = await readDispatchLog(admin, logKey);
        expect(Object.keys(log).sort()).toEqual([...ids].sort());
        expect(ids.filter((id) => log[id] === 'A')).toEqual(ids.slice(0, RECORD_AND_FINISH + RECORD_ONLY));
        expect(freshByB).toBe(ENTRIES - RECORD_AND_FINISH - RECORD_ONLY);
        // B got what A left unacknowledged (its second delivery) and what nobody had read (its first), each once;
        // nothing A acknowledged came back.
        const expected = [...ids.slice(RECORD_AND_FINISH, BATCH).map((id) => entry(id, 2)), ...ids.slice(BATCH).map((id) => entry(id, 1))];
        const byId = (x: QueueEntry, y: QueueEntry) => x.id.localeCompare(y.id);
        expect([...calls].sort(byId)).toEqual(expected.sort(byId));
        expect(await pendingEntries(admin, keys)).toEqual([]);
    });
});
