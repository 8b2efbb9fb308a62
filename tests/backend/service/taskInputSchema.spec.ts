// A task naming a bundled workload must carry an input that workload runs: the service refuses any other at
// creation (400 INPUT_SCHEMA_MISMATCH, naming the field), stores nothing, and takes every input the worker takes.
import { serviceFixture, ServiceFixture } from './serviceFixture';

let f: ServiceFixture;

beforeEach(async () => {
    f = await serviceFixture();
});

afterEach(async () => {
    await f.close();
});

async function taskCount(): Promise<number> {
    return (await f.api('GET', '/api/v1/tasks?limit=100', f.requesterToken)).body.tasks.length;
}

const REFUSED: Array<[string, string, unknown, RegExp]> = [
    ['hash-chain', 'a missing field', { seed: 1 }, /input\.rounds/],
    ['hash-chain', 'a wrong type', { seed: 'one', rounds: 10 }, /input\.seed/],
    ['hash-chain', 'an extra field', { seed: 1, rounds: 10, foo: 1 }, /input\.foo/],
    ['hash-chain', 'an out-of-range value', { seed: -1, rounds: 10 }, /input\.seed/],
    ['hash-chain', 'something else entirely', { foo: 1 }, /input\./],
    ['prime-sieve', 'a missing field', {}, /input\.limit/],
    ['prime-sieve', 'a wrong type', { limit: 1.5 }, /input\.limit/],
    ['prime-sieve', 'an extra field', { limit: 10, max: 3 }, /input\.max/],
    ['prime-sieve', 'an out-of-range value', { limit: 2 ** 31 }, /input\.limit/],
    ['matrix-product', 'a missing field', { seed: 1 }, /input\.n/],
    ['matrix-product', 'a wrong type', { seed: 1, n: [2] }, /input\.n/],
    ['matrix-product', 'an extra field', { seed: 1, n: 2, m: 2 }, /input\.m/],
    ['matrix-product', 'an out-of-range value', { seed: 0, n: 2 }, /input\.seed/],
    ['matrix-product', 'not an object', [1, 2], /input/],
];

describe('task creation checks the input against the workload', () => {
    it.each(REFUSED)('%s: %s is refused with the field named, and no task is stored', async (operation, _case, input, field) => {
        const res = await f.createTask({ operation, input });
        expect(res.status).toBe(400);
        expect(res.body.error.code).toBe('INPUT_SCHEMA_MISMATCH');
        expect(res.body.error.message).toMatch(field);
        expect(res.body.error.message).toContain(operation);
        expect(await taskCount()).toBe(0);
    });

    it.each([
        ['hash-chain', { seed: 0, rounds: 0xffff_ffff }],
        ['prime-sieve', { limit: 0 }],
        ['prime-sieve', { limit: 2 ** 31 - 1 }],
        ['matrix-product', { seed: 7, n: 16 }],
    ])('%s accepts %j', async (operation, input) => {
        const res = await f.createTask({ operation, input });
        expect([res.status, res.body.input]).toEqual([201, input]);
    });

    it('an operation with no bundled workload takes any JSON input, as before', async () => {
        const res = await f.createTask({ operation: 'hash', input: { anything: [1, 'two'] } });
        expect(res.status).toBe(201);
    });
});
