// The hub connection against a scripted WebSocket server: it reconnects with growing full-jitter waits, resets
// them after a stable connection, replays from the last offer it saw, renews a refused or expired session, and
// gives up only when another connection of its device takes over or the service refuses the login for good.
import { createServer, IncomingMessage, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { WebSocket, WebSocketServer } from 'ws';
import { TaskView, TrustView } from '../../protocol';
import { HubAccess, HubConnection } from '../../client/hubConnection';
import { openNodeHubSocket } from '../../client/nodeHubSocket';
import { ServiceError } from '../../client/serviceError';

const TIMING = { heartbeatMs: 1_000, stableAfterMs: 150, requestTimeoutMs: 1_000, backoff: { baseMs: 20, capMs: 160 } };
const HIGHEST = () => 1 - Number.EPSILON;

type Script = (socket: WebSocket, request: IncomingMessage) => void;

const TRUST: TrustView = {
    accuracy_alpha: 1,
    accuracy_beta: 1,
    accuracy_lower_bound: 0.1,
    latency_ewma_ms: null,
    latency_score: 0.5,
    stability: 1,
    score: 0.13,
};

/** An open task as the hub offers it. */
function task(taskId: string): TaskView {
    return {
        task_id: taskId,
        status: 'open',
        requester: '0:' + '1'.repeat(64),
        operation: 'hash',
        input: { text: 'x' },
        module_sha256: null,
        budget: '3000000000',
        reward_per_result: '1000000000',
        redundancy: 1,
        max_results: 3,
        slots_open: 1,
        min_trust_score: 0,
        deadline: 1_767_312_000,
        slot_timeout_seconds: 300,
        escrow_address: 'EQ' + 'A'.repeat(46),
        escrow_problem: null,
        fee_bps: 500,
        funding_id: '1',
        canonical_result_hash: null,
    };
}

describe('hub connection', () => {
    let server: Server;
    let wss: WebSocketServer;
    let url: string;
    let script: Script;
    let refuseWith: { status: number; code: string } | null;
    const upgrades: Array<{ authorization?: string; url: string }> = [];
    let hub: HubConnection | null = null;

    beforeEach(async () => {
        upgrades.length = 0;
        refuseWith = null;
        server = createServer();
        wss = new WebSocketServer({ noServer: true });
        server.on('upgrade', (request, socket, head) => {
            upgrades.push({ authorization: request.headers.authorization, url: request.url! });
            if (refuseWith) {
                const body = JSON.stringify({ error: { code: refuseWith.code, message: 'no' } });
                socket.end(`HTTP/1.1 ${refuseWith.status} No\r\ncontent-type: application/json\r\ncontent-length: ${body.length}\r\n\r\n${body}`);
                return;
            }
            wss.handleUpgrade(request, socket, head, (ws) => script(ws, request));
        });
        await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
        url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}/ws`;
    });

    afterEach(async () => {
        await hub?.stop();
        hub = null;
        for (const client of wss.clients) client.terminate();
        wss.close();
        await new Promise((resolve) => server.close(resolve));
    });

    function access(overrides: Partial<HubAccess> = {}): HubAccess {
        return {
            url,
            openSocket: openNodeHubSocket,
            deviceId: () => 'device-1',
            token: async () => 'token-1',
            refused: async () => true,
            sessionExpired: async () => undefined,
            ...overrides,
        };
    }

    function welcome(socket: WebSocket, lastOfferSeq = 0): void {
        socket.send(JSON.stringify({ type: 'welcome', device_id: 'device-1', trust: TRUST, last_offer_seq: lastOfferSeq }));
    }

    function waitFor<T>(register: (done: (value: T) => void) => void): Promise<T> {
        return new Promise<T>((resolve) => register(resolve));
    }

    it('waits longer after each failed attempt, up to the cap', async () => {
        script = (socket) => socket.close(1011, 'going away');
        hub = new HubConnection(access(), TIMING, HIGHEST);
        const waits: number[] = [];
        const sixth = waitFor<void>((done) =>
            hub!.on('disconnected', ({ retryInMs }) => {
                waits.push(retryInMs);
                if (waits.length === 6) done();
            }),
        );
        hub.start();
        await sixth;
        expect(waits).toEqual([19, 39, 79, 159, 159, 159]);
        expect(upgrades[0]).toEqual({ authorization: 'Bearer token-1', url: '/ws?device_id=device-1' });
    });

    it('starts from the base again once a connection stayed up long enough', async () => {
        let connections = 0;
        script = (socket) => {
            connections++;
            if (connections <= 3) return socket.close(1011);
            welcome(socket);
            setTimeout(() => socket.close(1011), TIMING.stableAfterMs + 100);
        };
        hub = new HubConnection(access(), TIMING, HIGHEST);
        const waits: number[] = [];
        const fourth = waitFor<void>((done) =>
            hub!.on('disconnected', ({ retryInMs }) => {
                waits.push(retryInMs);
                if (waits.length === 4) done();
            }),
        );
        hub.start();
        await fourth;
        expect(waits).toEqual([19, 39, 79, 19]);
    });

    it('replays from the last offer seen after a reconnect, paging until nothing new comes', async () => {
        const replays: number[] = [];
        let connections = 0;
        script = (socket) => {
            connections++;
            welcome(socket, 100);
            if (connections === 1) {
                socket.send(JSON.stringify({ type: 'offer', seq: 101, task: task('1') }));
                socket.send(JSON.stringify({ type: 'offer', seq: 104, task: task('2') }));
                setTimeout(() => socket.terminate(), 50);
                return;
            }
            socket.on('message', (data) => {
                const frame = JSON.parse(data.toString());
                if (frame.type !== 'replay') return;
                replays.push(frame.since);
                const next = frame.since < 110 ? frame.since + 3 : frame.since;
                if (next > frame.since) socket.send(JSON.stringify({ type: 'offer', seq: next, task: task(String(next)) }));
                socket.send(JSON.stringify({ type: 'replayed', since: frame.since, count: 1, last_seq: next, request_id: frame.request_id }));
            });
        };
        hub = new HubConnection(access(), TIMING);
        const offers: string[] = [];
        hub.on('offer', (task) => offers.push(task.task_id));
        const reconnected = waitFor<void>((done) => hub!.on('connected', ({ reconnect }) => reconnect && done()));
        hub.start();
        await reconnected;
        await new Promise((resolve) => setTimeout(resolve, 100));
        expect(replays).toEqual([104, 107, 110]);
        expect(offers).toEqual(['1', '2', '107', '110']);
    });

    it('renews the session when the upgrade is refused with 401, then connects with the new token', async () => {
        refuseWith = { status: 401, code: 'UNAUTHENTICATED' };
        let token = 'stale';
        const refusals: Array<[number, string]> = [];
        script = (socket) => welcome(socket);
        hub = new HubConnection(
            access({
                token: async () => token,
                refused: async (status, code) => {
                    refusals.push([status, code]);
                    token = 'fresh';
                    refuseWith = null;
                    return true;
                },
            }),
            TIMING,
        );
        const connected = waitFor<void>((done) => hub!.on('connected', () => done()));
        hub.start();
        await connected;
        expect(refusals).toEqual([[401, 'UNAUTHENTICATED']]);
        expect(upgrades.map((u) => u.authorization)).toEqual(['Bearer stale', 'Bearer fresh']);
    });

    it('logs in again when the hub closes the link for an expired session, reconnects after the backoff and replays', async () => {
        const replays: number[] = [];
        let connections = 0;
        script = (socket) => {
            connections++;
            welcome(socket, 100);
            if (connections === 1) {
                socket.send(JSON.stringify({ type: 'offer', seq: 103, task: task('1') }));
                setTimeout(() => socket.close(4002, 'the session expired; log in again and reconnect'), 50);
                return;
            }
            socket.on('message', (data) => {
                const frame = JSON.parse(data.toString());
                if (frame.type !== 'replay') return;
                replays.push(frame.since);
                socket.send(JSON.stringify({ type: 'replayed', since: frame.since, count: 0, last_seq: frame.since, request_id: frame.request_id }));
            });
        };
        let token = 'first';
        let renewals = 0;
        hub = new HubConnection(
            access({
                token: async () => token,
                sessionExpired: async () => {
                    renewals++;
                    token = 'renewed';
                },
            }),
            TIMING,
            HIGHEST,
        );
        const disconnects: Array<{ code: number; retryInMs: number }> = [];
        hub.on('disconnected', ({ code, retryInMs }) => disconnects.push({ code, retryInMs }));
        const reconnected = waitFor<void>((done) => hub!.on('connected', ({ reconnect }) => reconnect && done()));
        hub.start();
        await reconnected;
        await new Promise((resolve) => setTimeout(resolve, 100));
        expect(renewals).toBe(1);
        expect(upgrades.map((u) => u.authorization)).toEqual(['Bearer first', 'Bearer renewed']);
        expect(disconnects).toEqual([{ code: 4002, retryInMs: 19 }]);
        expect(replays).toEqual([103]);
    });

    it('gives up when logging in again after an expired session is refused for good', async () => {
        script = (socket) => {
            welcome(socket);
            setTimeout(() => socket.close(4002, 'the session expired; log in again and reconnect'), 20);
        };
        hub = new HubConnection(
            access({
                sessionExpired: async () => {
                    throw new ServiceError(401, 'BAD_DOMAIN', 'the proof names a domain this service does not accept');
                },
            }),
            TIMING,
        );
        const fatal = waitFor<Error>((done) => hub!.on('fatal', done));
        hub.start();
        expect((await fatal).message).toMatch(/domain/);
        expect(upgrades).toHaveLength(1);
    });

    it('answers requests by request_id and fails them when the link drops', async () => {
        script = (socket) => {
            welcome(socket);
            socket.on('message', (data) => {
                const frame = JSON.parse(data.toString());
                if (frame.type === 'claim' && frame.task_id === '7') {
                    socket.send(JSON.stringify({ type: 'error', code: 'NO_SLOT_FREE', message: 'taken', request_id: frame.request_id }));
                }
                if (frame.type === 'claim' && frame.task_id === '8') socket.terminate();
            });
        };
        hub = new HubConnection(access(), TIMING);
        const connected = waitFor<void>((done) => hub!.on('connected', () => done()));
        hub.start();
        await connected;
        expect(await hub.request({ type: 'claim', task_id: '7' })).toMatchObject({ type: 'error', code: 'NO_SLOT_FREE' });
        await expect(hub.request({ type: 'claim', task_id: '8' })).rejects.toThrow('not open');
    });

    it('passes on the pushed payout notices: payout_ready for its result, payout_paid for its wallet', async () => {
        script = (socket) => {
            welcome(socket);
            socket.send(JSON.stringify({ type: 'payout_ready', task_id: '7', device_id: 'device-1', amount: '1000000000' }));
            socket.send(JSON.stringify({ type: 'payout_paid', task_id: '7', amount: '1000000000', tx_hash: 'ab'.repeat(32) }));
        };
        hub = new HubConnection(access(), TIMING);
        const notices: string[] = [];
        hub.on('payoutReady', (taskId) => notices.push(`ready ${taskId}`));
        const paid = waitFor<void>((done) =>
            hub!.on('paid', (taskId) => {
                notices.push(`paid ${taskId}`);
                done();
            }),
        );
        hub.start();
        await paid;
        expect(notices).toEqual(['ready 7', 'paid 7']);
    });

    it('reports a frame that does not match the protocol and does not act on it', async () => {
        script = (socket) => {
            welcome(socket);
            socket.send(JSON.stringify({ type: 'offer', seq: 1, task: { task_id: 'partial' } }));
            socket.send(JSON.stringify({ type: 'offer', seq: 2, task: task('whole') }));
        };
        hub = new HubConnection(access(), TIMING);
        const offers: string[] = [];
        const warnings: string[] = [];
        hub.on('warning', (message) => warnings.push(message));
        const whole = waitFor<void>((done) =>
            hub!.on('offer', (offered) => {
                offers.push(offered.task_id);
                if (offered.task_id === 'whole') done();
            }),
        );
        hub.start();
        await whole;
        expect(offers).toEqual(['whole']);
        expect(warnings).toEqual([expect.stringMatching(/^unreadable hub frame/)]);
    });

    it('gives up when a newer connection of the same device replaces it', async () => {
        script = (socket) => {
            welcome(socket);
            setTimeout(() => socket.close(4001, 'replaced by a newer connection of this device'), 20);
        };
        hub = new HubConnection(access(), TIMING);
        const fatal = waitFor<Error>((done) => hub!.on('fatal', done));
        hub.start();
        expect((await fatal).message).toMatch(/replaced this one/);
    });
});
