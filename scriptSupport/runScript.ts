// Every script's `run`: the script's body, with the failures of the API endpoint underneath turned into one line.
// The script's own failures are ScriptErrors already; anything else is a bug and keeps its stack.
import { NetworkProvider } from '@ton/blueprint';
import { ScriptError } from './scriptError';

/** The API endpoint failed or answered an error; what was sent before it failed is said by the script's output. */
export class EndpointError extends ScriptError {}

/** The shape of the HTTP client's errors (axios, under TonClient), read without depending on it. */
interface HttpFailure {
    isAxiosError: true;
    message: string;
    code?: string;
    config?: { url?: string };
    response?: { status: number; data?: unknown };
}

function isHttpFailure(e: unknown): e is HttpFailure {
    return typeof e === 'object' && e !== null && (e as { isAxiosError?: unknown }).isAxiosError === true;
}

/** What the endpoint said, from toncenter's `{ok: false, error}` answer or the status alone. */
function answerOf(data: unknown): string {
    if (typeof data === 'object' && data !== null && typeof (data as { error?: unknown }).error === 'string') {
        return (data as { error: string }).error;
    }
    return typeof data === 'string' && data.length > 0 && data.length < 200 ? data : 'no error message';
}

/** One line for a failure of the endpoint, or null when `e` is not one. */
export function endpointFailure(e: unknown): EndpointError | null {
    if (isHttpFailure(e)) {
        const url = e.config?.url ?? 'the API endpoint';
        if (e.response) return new EndpointError(`${url} answered HTTP ${e.response.status}: ${answerOf(e.response.data)}`);
        return new EndpointError(`cannot reach ${url}: ${e.code ?? e.message}; check the --custom endpoint and that it is running`);
    }
    if (e instanceof Error && /^(Received error|Malformed response): /.test(e.message)) {
        return new EndpointError(`the API endpoint answered an error: ${e.message}`);
    }
    if (e instanceof Error && e.message.startsWith('Unable to execute get method')) {
        return new EndpointError(`a getter failed: ${e.message} (the address does not hold the contract expected)`);
    }
    return null;
}

export type ScriptBody = (provider: NetworkProvider, args: string[]) => Promise<unknown>;

/** `body` as a Blueprint `run`: endpoint failures become EndpointErrors; it resolves to nothing. */
export function runScript(body: ScriptBody): (provider: NetworkProvider, args: string[]) => Promise<void> {
    return async (provider, args) => {
        try {
            await body(provider, args);
        } catch (e) {
            throw endpointFailure(e) ?? e;
        }
    };
}
