// Consumer "A" of the crash test, run as its own process so that SIGKILL ends it the way a crash would: no close(),
// no acknowledgements, connections cut by the kernel. Of the entries it is handed, in order, it
//   - records and finishes the first RECORD_AND_FINISH (they get acknowledged),
//   - records the next RECORD_ONLY and never finishes them (a crash between recording and acknowledging),
//   - never records nor finishes the rest (a crash before dispatching them).
// Run: node -r ts-node/register/transpile-only tests/backend/queue/crashingConsumer.ts (settings in CRASH_TEST)
import Redis from 'ioredis';
import { RedisStreamsQueue } from '../../../backend/src/queue/redisStreamsQueue';
import { recordDispatch } from './dispatchLog';
import type { QueueKeys } from './redisQueueFixture';

export interface CrashingConsumerSettings {
    url: string;
    keys: QueueKeys;
    logKey: string;
    consumer: string;
    batchSize: number;
    recordAndFinish: number;
    recordOnly: number;
}

const settings = JSON.parse(process.env.CRASH_TEST!) as CrashingConsumerSettings;
const log = new Redis(settings.url);
const never = new Promise<void>(() => {});
let handed = 0;

const queue = new RedisStreamsQueue({
    url: settings.url,
    ...settings.keys,
    consumer: settings.consumer,
    batchSize: settings.batchSize,
    // A reclaims nothing, so whatever it holds stays pending until B takes it over.
    reclaimIdleMs: 3_600_000,
    blockMs: 200,
});
queue.start(async (entry) => {
    const position = handed++;
    if (position >= settings.recordAndFinish + settings.recordOnly) return never;
    await recordDispatch(log, settings.logKey, entry, settings.consumer);
    if (position >= settings.recordAndFinish) return never;
});
