// The few shared states every view shows: loading, empty, a problem, and "log in first".
import { ReactNode } from 'react';

export function Loading({ what, testId }: { what: string; testId?: string }) {
    return (
        <p className="muted loading" data-testid={testId ?? 'loading'} role="status">
            Loading {what}…
        </p>
    );
}

export function Empty({ children, testId }: { children: ReactNode; testId?: string }) {
    return (
        <p className="muted empty" data-testid={testId}>
            {children}
        </p>
    );
}

export function Problem({ children, testId }: { children: ReactNode; testId?: string }) {
    if (!children) return null;
    return (
        <p className="problem" role="alert" data-testid={testId}>
            {children}
        </p>
    );
}

export function LoginFirst({ onConnect }: { onConnect: () => void }) {
    return (
        <div className="card" data-testid="login-first">
            <p>Connect your TonConnect wallet to use this view.</p>
            <button type="button" onClick={onConnect} data-testid="go-connect">
                Go to Connect
            </button>
        </div>
    );
}
