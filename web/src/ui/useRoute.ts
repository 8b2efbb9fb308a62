// The app's views as paths (/payouts, /worker …), with history: links can be shared and reloaded, and the service
// answers each path with the app (SPA fallback).
import { useCallback, useEffect, useState } from 'react';

export const VIEWS = ['connect', 'worker', 'payouts', 'requester', 'operator'] as const;
export type ViewName = (typeof VIEWS)[number];

export function viewOfPath(pathname: string): ViewName {
    const first = pathname.split('/').filter(Boolean)[0];
    return (VIEWS as readonly string[]).includes(first) ? (first as ViewName) : 'connect';
}

export function useRoute(): [ViewName, (view: ViewName) => void] {
    const [view, setView] = useState<ViewName>(() => viewOfPath(location.pathname));
    useEffect(() => {
        const onPop = () => setView(viewOfPath(location.pathname));
        window.addEventListener('popstate', onPop);
        return () => window.removeEventListener('popstate', onPop);
    }, []);
    const navigate = useCallback((next: ViewName) => {
        if (viewOfPath(location.pathname) !== next || location.pathname === '/') history.pushState(null, '', `/${next}`);
        setView(next);
    }, []);
    return [view, navigate];
}
