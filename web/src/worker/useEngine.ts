// The browser worker engine's snapshots as React state, loading the engine on first use.
import { useEffect, useState } from 'react';
import { EngineSnapshot, STOPPED_SNAPSHOT, WorkerEngine } from '../engine/engineApi';
import { loadWorkerEngine } from './engineLoader';

export type EngineHandle = { status: 'loading' } | { status: 'missing' } | { status: 'ready'; engine: WorkerEngine; snapshot: EngineSnapshot };

export function useEngine(): EngineHandle {
    const [engine, setEngine] = useState<WorkerEngine | null>();
    const [snapshot, setSnapshot] = useState<EngineSnapshot>(STOPPED_SNAPSHOT);

    useEffect(() => {
        let cancelled = false;
        let unsubscribe: (() => void) | undefined;
        void loadWorkerEngine().then((loaded) => {
            if (cancelled) return;
            setEngine(loaded ?? null);
            unsubscribe = loaded?.subscribe(setSnapshot);
        });
        return () => {
            cancelled = true;
            unsubscribe?.();
        };
    }, []);

    if (engine === undefined) return { status: 'loading' };
    if (engine === null) return { status: 'missing' };
    return { status: 'ready', engine, snapshot };
}
