// WebAssembly modules: uploaded once, fetched back by sha256, and the only modules a task may name.
import { createHash } from 'crypto';
import { serviceFixture, ServiceFixture } from './serviceFixture';
import { refusedUnchanged, storeSnapshot } from './serviceSteps';

/** The smallest valid module: the magic number and version 1, no sections. */
const EMPTY_MODULE = Buffer.from('0061736d01000000', 'hex');
/** One function of type () → () with an empty body: type, function and code sections. */
const NOOP_MODULE = Buffer.from('0061736d01000000' + '010401600000' + '03020100' + '0a040102000b', 'hex');

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

describe('modules', () => {
    let f: ServiceFixture;
    let token: string;
    beforeEach(async () => {
        f = await serviceFixture();
        token = f.requesterToken;
    });
    afterEach(async () => f.close());

    const upload = (bytes: Buffer) => f.api('POST', '/api/v1/modules', token, { wasm_base64: bytes.toString('base64') });

    async function download(hash: string) {
        return f.app.inject({ method: 'GET', url: `/api/v1/modules/${hash}`, headers: { authorization: `Bearer ${token}` } });
    }

    it.each([
        ['the empty module', EMPTY_MODULE],
        ['a module with one function', NOOP_MODULE],
    ])('%s uploads and comes back by its sha256 as application/wasm', async (_, bytes) => {
        const res = await upload(bytes);
        expect(res).toEqual({ status: 201, body: { sha256: sha256(bytes), size: bytes.length } });

        const back = await download(sha256(bytes));
        expect(back.statusCode).toBe(200);
        expect(back.headers['content-type']).toBe('application/wasm');
        expect(back.rawPayload).toEqual(bytes);
    });

    it('uploading the same module again stores nothing new', async () => {
        await upload(NOOP_MODULE);
        const stored = await storeSnapshot(f);
        expect(await upload(NOOP_MODULE)).toEqual({ status: 201, body: { sha256: sha256(NOOP_MODULE), size: NOOP_MODULE.length } });
        expect(await storeSnapshot(f)).toEqual(stored);
    });

    it.each([
        ['text', Buffer.from('hello, world!')],
        ['a wasm header with a broken section', Buffer.concat([EMPTY_MODULE, Buffer.from('01ff', 'hex')])],
        ['a version 2 header', Buffer.from('0061736d02000000', 'hex')],
    ])('%s is refused as not wasm', async (_, bytes) => {
        await refusedUnchanged(f, () => upload(bytes), 400, 'NOT_WASM');
    });

    it('an unknown sha256 is not found', async () => {
        const res = await download(sha256(NOOP_MODULE));
        expect([res.statusCode, res.json().error.code]).toEqual([404, 'MODULE_NOT_FOUND']);
    });

    it('a task may name an uploaded module and no other', async () => {
        await refusedUnchanged(f, () => f.createTask({ module_sha256: sha256(NOOP_MODULE) }), 400, 'UNKNOWN_MODULE');
        await upload(NOOP_MODULE);
        const created = await f.createTask({ module_sha256: sha256(NOOP_MODULE) });
        expect([created.status, created.body.module_sha256]).toEqual([201, sha256(NOOP_MODULE)]);
    });
});
