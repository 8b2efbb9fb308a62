// Fan-out between service nodes: three redisFanout instances on one channel stand for three nodes, against a real
// redis-server (pub/sub delivery, reconnection and resubscription are what is under test; a fake would prove nothing).
import { Fanout, FanoutLog, localFanout, redisFanout } from '../../../backend/src/realtime/fanout';
import { ClusterNotice, noticeCodec } from '../../../backend/src/realtime/noticeCodec';
import { freePort, RedisServer, startRedisServer } from '../queue/redisServer';
import { useRedisServer } from '../queue/redisQueueFixture';
import { elapse, waitUntil } from '../queue/waitUntil';

interface Warning {
    details: object;
    message: string;
}

/** One node's fan-out, with what it delivered and what it warned about. */
interface Node {
    fanout: Fanout<ClusterNotice>;
    received: ClusterNotice[];
    warnings: Warning[];
}

/** Offers stand in for any notice: the task id names the publishing node, the seq counts its messages. */
function offer(node: number, seq: number): ClusterNotice {
    return { kind: 'offer', taskId: String(node), seq };
}

/** The seqs `node` received from the publisher `from`, in arrival order; probes (seq ≥ PROBE_SEQ) left out. */
function seqsFrom(node: Node, from: number): number[] {
    return node.received.flatMap((m) => (m.kind === 'offer' && m.taskId === String(from) && m.seq < PROBE_SEQ ? [m.seq] : []));
}

const PROBE_SEQ = 1_000_000;
/** Long enough for a duplicate or stray message to show up on loopback, as a window, not a timing assertion. */
const SETTLE_MS = 300;

function freshChannel(): string {
    return `test:${Math.random().toString(36).slice(2, 10)}:notices`;
}

function recordingLog(warnings: Warning[]): FanoutLog {
    return { warn: (details, message) => warnings.push({ details, message }) };
}

/** Active handles that would keep the process alive: sockets and timers. */
function openHandles(): { sockets: number; timers: number } {
    const resources = process.getActiveResourcesInfo();
    return { sockets: resources.filter((r) => r === 'TCPSocketWrap').length, timers: resources.filter((r) => r === 'Timeout').length };
}

describe('redisFanout', () => {
    const redis = useRedisServer();
    let nodes: Node[] = [];

    async function startNodes(count: number, url: string, channel = freshChannel()): Promise<Node[]> {
        const started = await Promise.all(
            Array.from({ length: count }, async () => {
                const node: Node = { received: [], warnings: [], fanout: undefined! };
                node.fanout = await redisFanout(url, channel, noticeCodec, recordingLog(node.warnings));
                node.fanout.subscribe((message) => node.received.push(message));
                return node;
            }),
        );
        nodes.push(...started);
        return started;
    }

    afterEach(async () => {
        await Promise.all(nodes.map((n) => n.fanout.close()));
        nodes = [];
    });

    it('a message published by one node reaches every node, itself included, once and in its publisher’s order', async () => {
        const three = await startNodes(3, redis.url());
        // All three publish at once, right after connecting: the subscriptions are already confirmed.
        await Promise.all(
            three.map(async (n, i) => {
                for (let seq = 1; seq <= 20; seq++) await n.fanout.publish(offer(i, seq));
            }),
        );

        await waitUntil(() => three.every((n) => n.received.length === 60), 'every node has all 60 messages');
        await elapse(SETTLE_MS);
        const inOrder = Array.from({ length: 20 }, (_, i) => i + 1);
        for (const n of three) {
            expect(n.received).toHaveLength(60);
            for (const from of [0, 1, 2]) expect(seqsFrom(n, from)).toEqual(inOrder);
            expect(n.warnings).toEqual([]);
        }
    });

    it('only nodes on the same channel hear a message', async () => {
        const [here] = await startNodes(1, redis.url());
        const [elsewhere] = await startNodes(1, redis.url());
        await here.fanout.publish(offer(0, 1));
        await waitUntil(() => here.received.length === 1, 'the publisher hears its own message');
        await elapse(SETTLE_MS);
        expect(elsewhere.received).toEqual([]);
    });

    it('delivers amounts above 2^64 exactly', async () => {
        const [a, b] = await startNodes(2, redis.url());
        const paid: ClusterNotice = { kind: 'paid', taskId: '9', wallet: `0:${'1'.repeat(64)}`, amount: 2n ** 70n + 1n, txHash: 'e'.repeat(64) };
        await a.fanout.publish(paid);
        await waitUntil(() => b.received.length === 1, 'the other node has the notice');
        expect(b.received).toEqual([paid]);
    });

    it('drops malformed messages on the channel with a warning, and still delivers the good ones after them', async () => {
        const channel = freshChannel();
        const three = await startNodes(3, redis.url(), channel);
        // Written by someone else with access to Redis, straight onto the channel.
        await redis.admin().publish(channel, 'not json');
        await redis.admin().publish(channel, JSON.stringify({ kind: 'shutdown' }));
        await redis.admin().publish(channel, JSON.stringify({ kind: 'paid', taskId: '7', wallet: `0:${'1'.repeat(64)}`, amount: '-5', txHash: 'e'.repeat(64) }));
        await three[0].fanout.publish(offer(0, 1));

        await waitUntil(() => three.every((n) => n.received.length === 1), 'every node has the good message');
        for (const n of three) {
            expect(n.received).toEqual([offer(0, 1)]);
            expect(n.warnings.map((w) => w.message)).toEqual(Array(3).fill('dropped a malformed fan-out message'));
            expect(n.warnings[0].details).toMatchObject({ channel, text: 'not json' });
        }
    });

    it('a handler that throws is reported and does not keep the message from the other handlers', async () => {
        const [node] = await startNodes(1, redis.url());
        const second: ClusterNotice[] = [];
        node.fanout.subscribe(() => {
            throw new Error('handler bug');
        });
        node.fanout.subscribe((message) => second.push(message));
        await node.fanout.publish(offer(0, 1));
        await node.fanout.publish(offer(0, 2));

        await waitUntil(() => second.length === 2, 'the last handler has both messages');
        expect(node.received).toEqual([offer(0, 1), offer(0, 2)]);
        expect(node.warnings.map((w) => w.message)).toEqual(['a fan-out handler failed', 'a fan-out handler failed']);
    });

    it('refuses to start when Redis cannot be reached, and leaves nothing open', async () => {
        const before = openHandles();
        const warnings: Warning[] = [];
        const url = `redis://127.0.0.1:${await freePort()}`;
        await expect(redisFanout(url, freshChannel(), noticeCodec, recordingLog(warnings))).rejects.toThrow(
            /^the fan-out could not reach Redis: /,
        );
        await waitUntil(() => openHandles().sockets <= before.sockets && openHandles().timers <= before.timers, 'nothing is left open');
    });

    it('close() lets go of every connection and timer, and later publishes are dropped', async () => {
        const before = openHandles();
        const three = await startNodes(3, redis.url());
        await three[0].fanout.publish(offer(0, 1));
        await waitUntil(() => three.every((n) => n.received.length === 1), 'every node has the message');

        await Promise.all(three.map((n) => n.fanout.close()));
        await waitUntil(() => openHandles().sockets <= before.sockets && openHandles().timers <= before.timers, 'nothing is left open');
        const clients = (await redis.admin().client('LIST')) as string;
        expect(clients).not.toMatch(/name=fanout:/);

        await three[1].fanout.publish(offer(1, 1));
        expect(three[1].warnings.map((w) => w.message)).toEqual(['dropped a fan-out message: the fan-out is closed']);
        expect(three.map((n) => n.received.length)).toEqual([1, 1, 1]);
    });

    describe('when Redis restarts', () => {
        let server: RedisServer | undefined;
        afterEach(async () => {
            await Promise.all(nodes.map((n) => n.fanout.close()));
            nodes = [];
            await server?.stop();
            server = undefined;
        });

        it('drops what is published while Redis is down, with a warning, and flows again to every node once it is back', async () => {
            server = await startRedisServer();
            const port = Number(new URL(server.url).port);
            const three = await startNodes(3, server.url);

            await server.stop();
            // Resolves (no rejection for an event listener to leak, no wait for a reconnection) and says why.
            await three[0].fanout.publish(offer(0, 1));
            expect(three[0].warnings).toContainEqual(expect.objectContaining({ message: 'dropped a fan-out message: it could not be published' }));

            server = await startRedisServer(port);
            // Each node resubscribes and its publisher reconnects in its own time: probe until every node hears every node.
            let probe = PROBE_SEQ;
            await waitUntil(async () => {
                probe++;
                await Promise.all(three.map((n, i) => n.fanout.publish(offer(i, probe))));
                return three.every((n) => [0, 1, 2].every((from) => n.received.some((m) => m.kind === 'offer' && m.taskId === String(from))));
            }, 'every node hears every node again');

            for (const [i, n] of three.entries()) {
                for (let seq = 2; seq <= 6; seq++) await n.fanout.publish(offer(i, seq));
            }
            await waitUntil(() => three.every((n) => [0, 1, 2].every((from) => seqsFrom(n, from).length === 5)), 'every node has the 15 new messages');
            await elapse(SETTLE_MS);
            for (const n of three) {
                // The message published while Redis was down never arrives late.
                for (const from of [0, 1, 2]) expect(seqsFrom(n, from)).toEqual([2, 3, 4, 5, 6]);
            }
        });

        it('close() while Redis is down resolves and leaves nothing open', async () => {
            const before = openHandles();
            server = await startRedisServer();
            const three = await startNodes(3, server.url);
            await server.stop();
            await waitUntil(() => three.every((n) => n.warnings.length > 0), 'every node has seen its connections drop');

            await Promise.all(three.map((n) => n.fanout.close()));
            nodes = [];
            await waitUntil(() => openHandles().sockets <= before.sockets && openHandles().timers <= before.timers, 'nothing is left open');
        });
    });
});

describe('localFanout', () => {
    it('delivers each message to every handler, in order, never inside publish', async () => {
        const fanout = localFanout<number>();
        const first: number[] = [];
        const second: number[] = [];
        fanout.subscribe((m) => first.push(m));
        fanout.subscribe((m) => second.push(m));

        await fanout.publish(1);
        void fanout.publish(2);
        // Both publishes have returned, and no handler has run yet.
        expect(first).toEqual([]);
        await new Promise((resolve) => setImmediate(resolve));
        expect(first).toEqual([1, 2]);
        expect(second).toEqual([1, 2]);
        await fanout.close();
    });

    it('reports a handler that throws and still delivers to the others', async () => {
        const warnings: Warning[] = [];
        const fanout = localFanout<number>(recordingLog(warnings));
        const delivered: number[] = [];
        fanout.subscribe(() => {
            throw new Error('handler bug');
        });
        fanout.subscribe((m) => delivered.push(m));
        await fanout.publish(1);
        await new Promise((resolve) => setImmediate(resolve));
        expect(delivered).toEqual([1]);
        expect(warnings.map((w) => w.message)).toEqual(['a fan-out handler failed']);
        await fanout.close();
    });

    it('delivers nothing after close', async () => {
        const fanout = localFanout<number>();
        const delivered: number[] = [];
        fanout.subscribe((m) => delivered.push(m));
        await fanout.close();
        await fanout.publish(1);
        await new Promise((resolve) => setImmediate(resolve));
        expect(delivered).toEqual([]);
    });
});
