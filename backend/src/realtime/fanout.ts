// A broadcast between service nodes: every node hears every message, its publisher included, and each node hands it
// to its own sockets. So one code path serves the devices connected here and those connected elsewhere.
//
// Live notices only, delivered at most once: a message published while Redis is unreachable, or sent while a node
// is reconnecting, is lost to the nodes that missed it. Nothing depends on it arriving: an offer is in the offer log
// before it is published, and a device gets it by `replay`; trust, payout-ready and paid are records in the
// database that the worker reads back (its own trust in `welcome`, its intents and payouts by polling); a node that
// missed a trust change filters that device's offers by its older score until the next change or reconnection.
// That is why publish drops, with a warning, rather than rejects: the callers are event listeners with nobody to
// hand a rejection to, and a retry would only deliver a stale notice late.
import Redis from 'ioredis';

export interface Fanout<M> {
    /**
     * Sends `message` to every node's handlers, this node's included, never from inside this call. Resolves once it
     * is handed over (not delivered); never rejects: a message that cannot go out is dropped with a warning.
     */
    publish(message: M): Promise<void>;
    /** Adds a handler for every message published from now on, by any node. */
    subscribe(handler: (message: M) => void): void;
    /** Stops delivering and lets go of its connections; later publishes are dropped. */
    close(): Promise<void>;
}

/** How messages travel as text. `decode` throws for text that is not a message. */
export interface FanoutCodec<M> {
    encode(message: M): string;
    decode(text: string): M;
}

/** Where a fan-out reports what it cannot throw to anyone (pino fits). */
export interface FanoutLog {
    warn(details: object, message: string): void;
}

/** The longest a publish waits for Redis's answer, so a connection that died without closing cannot hold it. */
const PUBLISH_TIMEOUT_MS = 2_000;
/** How much of a malformed message a warning quotes. */
const QUOTED_CHARS = 200;

/** The fan-out of a single node without Redis: messages go to this process's handlers, each on its own turn. */
export function localFanout<M>(log?: FanoutLog): Fanout<M> {
    const handlers = new Handlers<M>(log);
    let closed = false;
    return {
        publish: async (message) => {
            if (closed) return log?.warn({}, 'dropped a fan-out message: the fan-out is closed');
            setImmediate(() => handlers.deliver(message));
        },
        subscribe: (handler) => handlers.add(handler),
        close: async () => {
            closed = true;
            handlers.clear();
        },
    };
}

/**
 * The fan-out over Redis pub/sub on `channel`. Resolves once both connections are up and the subscription is
 * confirmed, so a message published right after reaches this node; rejects if Redis cannot be reached then. Later,
 * ioredis reconnects for as long as it takes and subscribes again (autoResubscribe).
 */
export async function redisFanout<M>(redisUrl: string, channel: string, codec: FanoutCodec<M>, log: FanoutLog): Promise<Fanout<M>> {
    const handlers = new Handlers<M>(log);
    // A connection in subscriber mode may send nothing but (un)subscriptions, so publishing needs its own.
    const publisher = connection(redisUrl, 'publisher', channel, log, {
        // While Redis is away a publish fails at once instead of queueing for a reconnection, and one in flight when
        // the connection drops is not sent again later: at most once.
        enableOfflineQueue: false,
        autoResendUnfulfilledCommands: false,
        commandTimeout: PUBLISH_TIMEOUT_MS,
    });
    const subscriber = connection(redisUrl, 'subscriber', channel, log, { autoResubscribe: true });
    subscriber.on('message', (_channel: string, text: string) => {
        let message: M;
        try {
            message = codec.decode(text);
        } catch (err) {
            log.warn({ err, channel, text: text.slice(0, QUOTED_CHARS) }, 'dropped a malformed fan-out message');
            return;
        }
        handlers.deliver(message);
    });
    try {
        await Promise.all([publisher.connect(), subscriber.connect()]);
        await subscriber.subscribe(channel);
    } catch (err) {
        await Promise.all([disconnect(publisher), disconnect(subscriber)]);
        // The error, not the URL: the URL may hold a password.
        throw new Error(`the fan-out could not reach Redis: ${err instanceof Error ? err.message : String(err)}`);
    }

    let closed = false;
    return {
        publish: async (message) => {
            if (closed) return log.warn({ channel }, 'dropped a fan-out message: the fan-out is closed');
            try {
                await publisher.publish(channel, codec.encode(message));
            } catch (err) {
                log.warn({ err, channel }, 'dropped a fan-out message: it could not be published');
            }
        },
        subscribe: (handler) => handlers.add(handler),
        close: async () => {
            closed = true;
            handlers.clear();
            await Promise.all([disconnect(publisher), disconnect(subscriber)]);
        },
    };
}

/** The handlers of one node; one that throws is reported and does not keep the message from the others. */
class Handlers<M> {
    private list: Array<(message: M) => void> = [];

    constructor(private readonly log?: FanoutLog) {}

    add(handler: (message: M) => void): void {
        this.list.push(handler);
    }

    clear(): void {
        this.list = [];
    }

    deliver(message: M): void {
        for (const handler of this.list) {
            try {
                handler(message);
            } catch (err) {
                this.log?.warn({ err }, 'a fan-out handler failed');
            }
        }
    }
}

function connection(url: string, role: string, channel: string, log: FanoutLog, options: object): Redis {
    // The name shows in CLIENT LIST, so an operator can tell the fan-out's connections from the queue's.
    const redis = new Redis(url, { ...options, lazyConnect: true, connectionName: `fanout:${role}` });
    // Without a listener, ioredis prints every failed reconnection attempt to the console.
    redis.on('error', (err) => log.warn({ err, channel, role }, 'fan-out connection error'));
    return redis;
}

/** Closes the connection without waiting for Redis, and resolves once ioredis has let go of it. */
async function disconnect(redis: Redis): Promise<void> {
    if (redis.status === 'end') return;
    // Between two reconnection attempts there is no socket: ioredis only stops trying, and never emits 'end'.
    if (redis.status === 'reconnecting') return redis.disconnect();
    // Not events.once: that would reject on an 'error' emitted meanwhile.
    const ended = new Promise((resolve) => redis.once('end', resolve));
    redis.disconnect();
    await ended;
}
