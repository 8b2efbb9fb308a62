// The hub's socket in a page, against a scripted WebSocket: the token rides in the query, a socket that closes
// before it opens is explained over HTTP (so HubConnection renews the session as for the CLI), text frames pass and
// binary ones count as signs of life, and terminate reports the close at once.
import { browserHubSocket, CLOSE_ABNORMAL, WebSocketLike } from '../../../web/src/engine/browserHubSocket';
import { HubSocketEvents } from '../../../client/hubSocket';

function scriptedSocket() {
    const socket = {
        url: '',
        sent: [] as string[],
        closes: 0,
        onopen: null,
        onmessage: null,
        onerror: null,
        onclose: null,
        send(text: string) {
            socket.sent.push(text);
        },
        close() {
            socket.closes++;
        },
    } as WebSocketLike & { url: string; sent: string[]; closes: number };
    return socket;
}

function recorder() {
    const heard: string[] = [];
    const on: HubSocketEvents = {
        open: () => heard.push('open'),
        message: (text) => heard.push(`message ${text}`),
        alive: () => heard.push('alive'),
        refused: (status, code) => heard.push(`refused ${status} ${code}`),
        close: (code, reason) => heard.push(`close ${code} ${reason}`),
    };
    return { heard, on };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 5));

it('puts the token in the query, passes text frames, and takes binary ones as signs of life', () => {
    const socket = scriptedSocket();
    const { heard, on } = recorder();
    const open = browserHubSocket((url) => Object.assign(socket, { url }), async () => null);
    const hub = open('ws://host/ws?device_id=d1', 'a token/+', on);
    socket.onopen!({});
    socket.onmessage!({ data: '{"type":"heartbeat","now_ms":1}' });
    socket.onmessage!({ data: new ArrayBuffer(2) });
    hub.send('{"type":"heartbeat"}');
    socket.onclose!({ code: 1001, reason: 'going away' });
    expect(socket.url).toBe('ws://host/ws?device_id=d1&token=a%20token%2F%2B');
    expect(socket.sent).toEqual(['{"type":"heartbeat"}']);
    expect(heard).toEqual(['open', 'message {"type":"heartbeat","now_ms":1}', 'alive', 'close 1001 going away']);
});

it('a socket closed before it opened is explained over HTTP: the refusal comes before the close', async () => {
    const socket = scriptedSocket();
    const { heard, on } = recorder();
    const asked: string[] = [];
    const open = browserHubSocket(
        () => socket,
        async (token) => {
            asked.push(token);
            return { status: 401, code: 'UNAUTHENTICATED' };
        },
    );
    open('ws://host/ws?device_id=d1', 'stale', on);
    socket.onclose!({ code: 1006, reason: '' });
    await settle();
    expect(asked).toEqual(['stale']);
    expect(heard).toEqual(['refused 401 UNAUTHENTICATED', 'close 1006 ']);
});

it('a close before opening that the API does not explain is a plain close', async () => {
    const socket = scriptedSocket();
    const { heard, on } = recorder();
    browserHubSocket(() => socket, async () => null)('ws://host/ws?device_id=d1', 't', on);
    socket.onclose!({ code: 1006, reason: '' });
    await settle();
    expect(heard).toEqual(['close 1006 ']);
});

it('terminate reports the close at once; a socket still connecting is closed only once it opens', () => {
    const socket = scriptedSocket();
    const { heard, on } = recorder();
    const hub = browserHubSocket(() => socket, async () => null)('ws://host/ws?device_id=d1', 't', on);
    hub.terminate();
    expect(heard).toEqual([`close ${CLOSE_ABNORMAL} terminated`]);
    expect(socket.closes).toBe(0);
    socket.onopen!({});
    expect(socket.closes).toBe(1);
    expect(heard).toHaveLength(1);
});
