// The backend's toncenter stub, plus the one method a wallet needs to send: sendBoc, applied to the same
// sandbox. Everything else is passed through to the stub unchanged.
import { createServer, IncomingMessage } from 'node:http';
import { AddressInfo } from 'node:net';
import { Cell, loadMessage } from '@ton/core';
import { Blockchain } from '@ton/sandbox';
import { startToncenterStub } from '../backend/chain/toncenterStub';

export async function startToncenterWithSend(blockchain: Blockchain): Promise<{ url: string; sent: number; close(): Promise<void> }> {
    const stub = await startToncenterStub(blockchain);
    const state = { sent: 0 };
    const server = createServer((req, res) => {
        void (async () => {
            const body = await bodyOf(req);
            const request = JSON.parse(body) as { method?: string; params?: { boc?: string } };
            if (request.method === 'sendBoc') {
                state.sent++;
                await blockchain.sendMessage(loadMessage(Cell.fromBase64(request.params!.boc!).beginParse()));
                res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: true, result: { '@type': 'ok' } }));
                return;
            }
            const forwarded = await fetch(stub.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
            res.writeHead(forwarded.status, { 'content-type': 'application/json' }).end(await forwarded.text());
        })().catch((err: Error) => res.writeHead(500).end(JSON.stringify({ ok: false, error: err.message, code: 500 })));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return {
        url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v2/jsonRPC`,
        get sent() {
            return state.sent;
        },
        async close() {
            server.closeAllConnections();
            await new Promise((resolve) => server.close(resolve));
            await stub.close();
        },
    };
}

async function bodyOf(req: IncomingMessage): Promise<string> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
}
