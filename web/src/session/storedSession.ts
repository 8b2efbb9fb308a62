// The session token lives in sessionStorage: it survives a reload of this tab and dies with it, and no other tab
// or site reads it.
import type { SessionGrant } from '../../../protocol';

const KEY = 'gstd.session';

export function loadSession(): SessionGrant | null {
    try {
        const raw = sessionStorage.getItem(KEY);
        if (!raw) return null;
        const session = JSON.parse(raw) as SessionGrant;
        return session.expires_at * 1000 > Date.now() ? session : null;
    } catch {
        return null;
    }
}

export function storeSession(session: SessionGrant | null): void {
    if (session) sessionStorage.setItem(KEY, JSON.stringify(session));
    else sessionStorage.removeItem(KEY);
}
