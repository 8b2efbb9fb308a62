// The Redis queue's dead letters: one stream entry each (task_id, original_id, deliveries), kept until an operator
// reads them (XRANGE tasks:dead - +) and removes them (XDEL / XTRIM); nothing trims this stream on its own.
import Redis from 'ioredis';
import { DeadLetter } from './taskQueue';

export interface DeadLetterRoute {
    stream: string;
    group: string;
    deadLetterStream: string;
}

/** Records `letter` in the dead-letter stream and acknowledges the entry in one MULTI: never the one without the other. */
export async function moveToDeadLetters(redis: Redis, route: DeadLetterRoute, letter: DeadLetter): Promise<void> {
    const results = await redis
        .multi()
        .xadd(route.deadLetterStream, '*', 'task_id', letter.taskId, 'original_id', letter.id, 'deliveries', String(letter.deliveries))
        .xack(route.stream, route.group, letter.id)
        .exec();
    if (results === null) throw new Error('dead-lettering transaction aborted');
    const failure = results.find(([err]) => err !== null);
    if (failure) throw failure[0];
}
