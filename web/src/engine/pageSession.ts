// The engine's session: the token the page logged in with (TonConnect ton_proof, in the Connect view). The engine
// cannot log in by itself, since only the wallet can sign, so when the service refuses the token (a 401, or the hub
// closing with 4002) it asks the page to log in again and waits for the token the page hands it next.
import type { SessionTokens } from '../../../client/serviceApi';
import { ServiceError } from '../../../client/serviceError';

/** The service refused the token the page has just handed over: waiting for another would not help. */
export class SessionRefused extends Error {
    constructor() {
        super('the service refused the session; log in again');
        this.name = 'SessionRefused';
    }
}

/** The engine was stopped while it waited for a new login. */
export class SessionWaitStopped extends Error {
    constructor() {
        super('stopped while waiting for a new login');
        this.name = 'SessionWaitStopped';
    }
}

export class PageSession implements SessionTokens {
    private current: string | null = null;
    /** Off until the engine is up: a token refused while starting fails the start instead. */
    private mayWait = false;
    private waiters: Array<{ resolve(token: string): void; reject(error: Error): void }> = [];

    /** `loginNeeded(true)` when the page must log in again, `loginNeeded(false)` once it has. */
    constructor(private readonly loginNeeded: (needed: boolean) => void) {}

    /** A token from the page: the first one, or a fresh one after a login. */
    supply(token: string): void {
        const wasWaiting = this.current === null;
        this.current = token;
        for (const waiter of this.waiters.splice(0)) waiter.resolve(token);
        if (wasWaiting) this.loginNeeded(false);
    }

    /** From now on a refused token makes the engine wait for the page's next login. */
    allowWaiting(): void {
        this.mayWait = true;
    }

    token(): Promise<string> {
        return this.current !== null ? Promise.resolve(this.current) : this.next();
    }

    /** The service refused `refused` (the current token, unless the page has supplied a newer one already). */
    renew(refused: string | null = this.current): Promise<string> {
        if (this.current !== null && this.current !== refused) return Promise.resolve(this.current);
        if (!this.mayWait) return Promise.reject(new SessionRefused());
        if (this.current !== null) {
            this.current = null;
            this.loginNeeded(true);
        }
        return this.next();
    }

    async authorized<T>(call: (token: string) => Promise<T>): Promise<T> {
        const used = await this.token();
        try {
            return await call(used);
        } catch (error) {
            if (!(error instanceof ServiceError) || error.status !== 401) throw error;
            return call(await this.renew(used));
        }
    }

    /** Ends every wait for a login. */
    stopWaiting(): void {
        for (const waiter of this.waiters.splice(0)) waiter.reject(new SessionWaitStopped());
    }

    private next(): Promise<string> {
        return new Promise((resolve, reject) => this.waiters.push({ resolve, reject }));
    }
}
