// Raw HTTP against the devnet, for what TonClient never sends: the faucet, REST forms and malformed requests.

export interface HttpAnswer {
    status: number;
    body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

/** POSTs `body` (an object as JSON, a string as it is) to `url`. */
export async function postJson(url: string, body: unknown, contentType = 'application/json'): Promise<HttpAnswer> {
    const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': contentType },
        body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    return { status: res.status, body: await res.json() };
}

export async function getJson(url: string): Promise<HttpAnswer> {
    const res = await fetch(url);
    return { status: res.status, body: await res.json() };
}

/** A JSON-RPC call as TonClient makes it. */
export function rpc(endpoint: string, method: string, params: Record<string, unknown> = {}): Promise<HttpAnswer> {
    return postJson(endpoint, { id: '1', jsonrpc: '2.0', method, params });
}

/** Asks the faucet for `amount` nanotons; fails the test if it refuses. */
export async function fundFromFaucet(url: string, address: string, amount: bigint): Promise<{ lt: string; hash: string }> {
    const answer = await postJson(`${url}/devnet/faucet`, { address, amount: amount.toString() });
    if (answer.status !== 200) throw new Error(`faucet refused: ${JSON.stringify(answer.body)}`);
    return answer.body;
}
