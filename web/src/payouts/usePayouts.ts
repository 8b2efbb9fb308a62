// The wallet's rewards from GET /api/v1/payouts, kept current: polled (quickly while a claim waits for the chain),
// and refreshed at once when the running worker engine hears a payout_paid frame.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { PayoutEntry, PayoutList } from '../../../protocol';
import { useSession } from '../session/SessionContext';
import { loadedWorkerEngine } from '../worker/engineLoader';

const POLL_MS = 15_000;
const POLL_WHILE_WAITING_MS = 3_000;

export interface Payouts {
    payouts: PayoutEntry[] | undefined;
    problem: string | undefined;
    refresh(): Promise<void>;
}

export function usePayouts(waitingForChain: boolean): Payouts {
    const { api } = useSession();
    const [payouts, setPayouts] = useState<PayoutEntry[]>();
    const [problem, setProblem] = useState<string>();
    const live = useRef(true);

    const refresh = useCallback(async () => {
        try {
            const list = await api<PayoutList>('GET', '/api/v1/payouts');
            if (!live.current) return;
            setPayouts(list.payouts);
            setProblem(undefined);
        } catch (err) {
            if (live.current) setProblem(`the rewards could not be loaded: ${(err as Error).message}`);
        }
    }, [api]);

    useEffect(() => {
        live.current = true;
        void refresh();
        return () => {
            live.current = false;
        };
    }, [refresh]);

    useEffect(() => {
        const timer = setInterval(() => void refresh(), waitingForChain ? POLL_WHILE_WAITING_MS : POLL_MS);
        return () => clearInterval(timer);
    }, [refresh, waitingForChain]);

    useEffect(() => {
        let unsubscribe: (() => void) | undefined;
        let cancelled = false;
        void loadedWorkerEngine()?.then((engine) => {
            if (engine && !cancelled) unsubscribe = engine.onPayoutPaid(() => void refresh());
        });
        return () => {
            cancelled = true;
            unsubscribe?.();
        };
    }, [refresh]);

    return { payouts, problem, refresh };
}
