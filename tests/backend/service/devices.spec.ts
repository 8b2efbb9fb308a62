// A wallet's devices: registered with a fresh trust vector, visible to that wallet alone, named once per wallet.
import { initialTrust } from '../../../backend/src/domain';
import { trustView } from '../../../backend/src/devices/devices';
import { serviceFixture, ServiceFixture, T0 } from './serviceFixture';
import { FRESH_SCORE, refusedUnchanged } from './serviceSteps';

describe('devices', () => {
    let f: ServiceFixture;
    let alice: string;
    let bob: string;
    beforeEach(async () => {
        f = await serviceFixture();
        alice = await f.sessionOf((await f.blockchain.treasury('alice')).address);
        bob = await f.sessionOf((await f.blockchain.treasury('bob')).address);
    });
    afterEach(async () => f.close());

    const register = (token: string, body: unknown) => f.api('POST', '/api/v1/devices', token, body);

    it('a wallet registers a device and gets it back with a fresh trust vector', async () => {
        const res = await register(alice, { name: 'rig 1', capabilities: ['sort', 'hash', 'sort'] });
        expect(res.status).toBe(201);
        const wallet = (await f.blockchain.treasury('alice')).address.toRawString();
        expect(res.body).toEqual({
            id: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/),
            wallet,
            name: 'rig 1',
            capabilities: ['hash', 'sort'],
            trust: trustView(initialTrust()),
            created_at: T0 * 1000,
        });
        expect(res.body.trust.score).toBe(FRESH_SCORE);
    });

    it('a wallet lists and reads its own devices only', async () => {
        const first = (await register(alice, { name: 'rig 1', capabilities: ['hash'] })).body;
        f.advance(1);
        const second = (await register(alice, { name: 'rig 2', capabilities: ['hash'] })).body;
        const bobs = (await register(bob, { name: 'rig 1', capabilities: ['hash'] })).body;

        expect(await f.api('GET', '/api/v1/devices', alice)).toEqual({ status: 200, body: { devices: [first, second] } });
        expect(await f.api('GET', '/api/v1/devices', bob)).toEqual({ status: 200, body: { devices: [bobs] } });
        expect(await f.api('GET', `/api/v1/devices/${second.id}`, alice)).toEqual({ status: 200, body: second });
    });

    it('another wallet’s device reads as not found, exactly like a missing one', async () => {
        const bobs = (await register(bob, { name: 'rig 1', capabilities: ['hash'] })).body;
        const other = await refusedUnchanged(f, () => f.api('GET', `/api/v1/devices/${bobs.id}`, alice), 404, 'DEVICE_NOT_FOUND');
        const missing = await refusedUnchanged(
            f,
            () => f.api('GET', '/api/v1/devices/00000000-0000-4000-8000-000000000000', alice),
            404,
            'DEVICE_NOT_FOUND',
        );
        expect(other.body).toEqual(missing.body);
    });

    it('a name is taken once per wallet', async () => {
        await register(alice, { name: 'rig 1', capabilities: ['hash'] });
        await refusedUnchanged(f, () => register(alice, { name: 'rig 1', capabilities: ['sort'] }), 409, 'DEVICE_NAME_TAKEN');
        expect((await register(bob, { name: 'rig 1', capabilities: ['hash'] })).status).toBe(201);
    });

    it.each([
        ['an unknown field', { name: 'rig', capabilities: ['hash'], trust: { score: 1 } }],
        ['no capabilities', { name: 'rig', capabilities: [] }],
        ['a capability that is not a name', { name: 'rig', capabilities: ['Hash!'] }],
        ['an empty name', { name: '', capabilities: ['hash'] }],
    ])('a registration with %s is refused', async (_, body) => {
        await refusedUnchanged(f, () => register(alice, body), 400, 'BAD_REQUEST');
    });
});
