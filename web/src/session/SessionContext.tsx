// Who is logged in: the session from ton_proof login, the wallet's network, and an API caller bound to the
// session's token. A 401 from any call ends the session here, so every view falls back to "connect first".
import { createContext, ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import type { SessionGrant, WebConfig } from '../../../protocol';
import { ApiError, callApi } from '../api/apiClient';
import { loadSession, storeSession } from './storedSession';

export type LoginState = 'loading' | 'logged-out' | 'logging-in' | 'logged-in';

export interface Session {
    state: LoginState;
    grant: SessionGrant | null;
    /** The chain the service runs on, as TonConnect names it. */
    network: string | undefined;
    /** Why the last login or session failed, in words for the user. */
    problem: string | undefined;
    /** Calls the API as the logged-in wallet; a refused session logs out. */
    api<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T>;
}

interface SessionControl {
    setGrant(grant: SessionGrant | null): void;
    setLoggingIn(on: boolean): void;
    setProblem(problem: string | undefined): void;
}

const SessionContext = createContext<(Session & SessionControl) | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
    const [grant, setGrantState] = useState<SessionGrant | null>(loadSession);
    const [loggingIn, setLoggingIn] = useState(false);
    const [problem, setProblem] = useState<string>();
    const [config, setConfig] = useState<WebConfig>();

    useEffect(() => {
        callApi<WebConfig>('GET', '/web-config.json').then(setConfig, () => setProblem('the service cannot be reached; reload to try again'));
    }, []);

    const setGrant = useCallback((next: SessionGrant | null) => {
        storeSession(next);
        setGrantState(next);
    }, []);

    // The token dies at expires_at: log out then rather than at the next refused call.
    useEffect(() => {
        if (!grant) return;
        const timer = setTimeout(() => {
            setGrant(null);
            setProblem('your session ended; connect your wallet again to log in');
        }, Math.max(0, grant.expires_at * 1000 - Date.now()));
        return () => clearTimeout(timer);
    }, [grant, setGrant]);

    const api = useCallback(
        async <T,>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> => {
            try {
                return await callApi<T>(method, path, { token: grant?.token, body });
            } catch (err) {
                if (err instanceof ApiError && err.status === 401) {
                    setGrant(null);
                    setProblem('your session ended; connect your wallet again to log in');
                }
                throw err;
            }
        },
        [grant, setGrant],
    );

    const state: LoginState = !config ? 'loading' : grant ? 'logged-in' : loggingIn ? 'logging-in' : 'logged-out';
    const value = useMemo(
        () => ({ state, grant, network: config?.network, problem, api, setGrant, setLoggingIn, setProblem }),
        [state, grant, config, problem, api, setGrant],
    );
    return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
    return useSessionControl();
}

/** The login flow's handle on the session (connect/useTonProofLogin.ts). */
export function useSessionControl(): Session & SessionControl {
    const value = useContext(SessionContext);
    if (!value) throw new Error('useSession outside SessionProvider');
    return value;
}
