// The service on PostgreSQL while PostgreSQL is down: requests are refused with a retryable 503 that changes
// nothing, the process stays up, and once the server is back the same requests succeed without a restart.
import { serviceFixture, ServiceFixture } from '../service/serviceFixture';
import { workers } from '../service/serviceSteps';
import { PostgresServer, startPostgres } from '../../helpers/postgresServer';

describe('the service through a PostgreSQL outage', () => {
    let postgres: PostgresServer;
    let f: ServiceFixture;
    beforeAll(async () => {
        postgres = await startPostgres({ database: 'gstd' });
        f = await serviceFixture({ DATABASE_URL: postgres.url });
    });
    afterAll(async () => {
        await f?.close();
        await postgres?.stop();
    }, 60_000);

    it('answers 503 STORE_UNAVAILABLE with Retry-After while the database is down, and serves again after', async () => {
        const [w] = await workers(f, ['w']);
        const task = await f.openTask();
        await postgres.kill();
        const claim = await f.claim(w, task.task_id);
        expect([claim.status, claim.body.error.code]).toEqual([503, 'STORE_UNAVAILABLE']);
        const list = await f.app.inject({ method: 'GET', url: '/api/v1/tasks', headers: { authorization: `Bearer ${f.requesterToken}` } });
        expect(list.statusCode).toBe(503);
        expect(list.headers['retry-after']).toBe('1');
        const ready = await f.api('GET', '/ready');
        expect(ready.status).toBe(503);

        await postgres.restart();
        // The pool reconnects by itself; the refused claim changed nothing, so the same claim now succeeds once.
        expect((await f.claim(w, task.task_id)).status).toBe(200);
        expect((await f.claim(w, task.task_id)).body.error.code).toBe('ALREADY_ASSIGNED');
        expect((await f.api('GET', '/ready')).status).toBe(200);
    });
});
