// The service's HTTP API as typed calls. Every call runs inside the session, so an expired token is renewed
// transparently; everything else surfaces as a ServiceError with the service's code. The CLI's session logs in
// with its wallet (ServiceSession); the browser engine's gets its token from the page.
import { DeviceView, PayoutIntent, ResultReceipt, TaskView } from '../protocol';
import { HttpTransport } from './httpTransport';

/** Where calls get their session token, and how a call refused with 401 gets a fresh one. */
export interface SessionTokens {
    token(): Promise<string>;
    /** Runs `call` with the session token; on 401 renews the session (once) and repeats it. */
    authorized<T>(call: (token: string) => Promise<T>): Promise<T>;
}

export class ServiceApi {
    constructor(
        private readonly http: HttpTransport,
        readonly session: SessionTokens,
    ) {}

    async devices(): Promise<DeviceView[]> {
        const answer = await this.session.authorized((token) => this.http.json<{ devices: DeviceView[] }>({ method: 'GET', path: '/api/v1/devices', token }));
        return answer.devices;
    }

    registerDevice(name: string, capabilities: string[]): Promise<DeviceView> {
        return this.session.authorized((token) =>
            this.http.json<DeviceView>({ method: 'POST', path: '/api/v1/devices', token, body: { name, capabilities } }),
        );
    }

    async offers(deviceId: string, limit = 100): Promise<TaskView[]> {
        const path = `/api/v1/offers?device_id=${encodeURIComponent(deviceId)}&limit=${limit}`;
        const answer = await this.session.authorized((token) => this.http.json<{ offers: TaskView[] }>({ method: 'GET', path, token }));
        return answer.offers;
    }

    task(taskId: string): Promise<TaskView> {
        return this.session.authorized((token) => this.http.json<TaskView>({ method: 'GET', path: `/api/v1/tasks/${taskId}`, token }));
    }

    submitResult(taskId: string, deviceId: string, output: unknown): Promise<ResultReceipt> {
        return this.session.authorized((token) =>
            this.http.json<ResultReceipt>({ method: 'POST', path: `/api/v1/tasks/${taskId}/results`, token, body: { device_id: deviceId, output } }),
        );
    }

    payoutIntent(taskId: string, executorAddress: string): Promise<PayoutIntent> {
        return this.session.authorized((token) =>
            this.http.json<PayoutIntent>({
                method: 'POST',
                path: '/api/v1/payments/payout-intent',
                token,
                body: { task_id: taskId, executor_address: executorAddress },
            }),
        );
    }

    module(sha256: string): Promise<Uint8Array> {
        return this.session.authorized((token) => this.http.bytes({ method: 'GET', path: `/api/v1/modules/${sha256}`, token }));
    }
}
