// The worker's session with the service: logs in with ton_proof, and logs in again when the service says the
// token is no longer good (expired, or a restarted service with a new secret).
import { SessionGrant } from '../protocol';
import { HttpTransport } from './httpTransport';
import { hasCode, ServiceError } from './serviceError';
import { signTonProof } from './tonProof';
import { WorkerWallet } from './wallet';

export class ServiceSession {
    private grant: SessionGrant | null = null;
    private login: Promise<string> | null = null;

    constructor(
        private readonly http: HttpTransport,
        private readonly wallet: WorkerWallet,
        /** The domain named in the proof; the service must list it in TON_PROOF_DOMAINS. */
        private readonly proofDomain: string,
        /** Unix seconds, for the proof's timestamp. */
        private readonly nowSeconds: () => number = () => Math.floor(Date.now() / 1000),
    ) {}

    async token(): Promise<string> {
        return this.grant?.token ?? this.renew();
    }

    /** Logs in afresh. Callers that arrive while a login runs share it. */
    renew(): Promise<string> {
        this.login ??= this.logIn().finally(() => (this.login = null));
        return this.login;
    }

    /** Runs `call` with the session token; on 401 logs in again (once) and repeats it. */
    async authorized<T>(call: (token: string) => Promise<T>): Promise<T> {
        const used = await this.token();
        try {
            return await call(used);
        } catch (error) {
            if (!(error instanceof ServiceError) || error.status !== 401) throw error;
            // Another call may have logged in already since this one started; then its token is the fresh one.
            const fresh = this.grant && this.grant.token !== used ? this.grant.token : await this.renew();
            return call(fresh);
        }
    }

    private async logIn(): Promise<string> {
        const challenge = await this.http.json<{ payload: string }>({ method: 'POST', path: '/api/v1/auth/challenge' });
        const proof = signTonProof(this.wallet, { payload: challenge.payload, domain: this.proofDomain, timestamp: this.nowSeconds() });
        let grant: SessionGrant;
        try {
            grant = await this.http.json<SessionGrant>({ method: 'POST', path: '/api/v1/auth/verify', body: proof });
        } catch (error) {
            if (hasCode(error, 'BAD_DOMAIN')) {
                throw new ServiceError(error.status, error.code, `${error.message} (the worker signed for ${JSON.stringify(this.proofDomain)}; set the proof domain to one the service accepts)`);
            }
            throw error;
        }
        if (grant.address !== this.wallet.address.toRawString()) {
            throw new Error(`the service logged in ${grant.address}, not this wallet ${this.wallet.address.toRawString()}`);
        }
        this.grant = grant;
        return grant.token;
    }
}
