// The Redis connection the HTTP edge shares with the other nodes: rate-limit counters and the login nonces used.
import { FastifyBaseLogger } from 'fastify';
import Redis from 'ioredis';

/** Connected before it is returned, so a node that cannot reach Redis fails at start instead of counting alone. */
export async function connectEdgeRedis(url: string, log: FastifyBaseLogger): Promise<Redis> {
    const redis = new Redis(url, {
        lazyConnect: true,
        connectionName: 'gstd:http-edge',
        // While the connection is down a command fails at once instead of holding the request until a reconnect.
        enableOfflineQueue: false,
        maxRetriesPerRequest: 1,
    });
    redis.on('error', (err) => log.warn({ err }, 'HTTP edge Redis connection error'));
    await redis.connect();
    return redis;
}
