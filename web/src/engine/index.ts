// The browser worker engine for the app: one per page, made the first time the Worker or Payouts view asks.
import { BrowserWorkerEngine } from './browserWorkerEngine';
import { browserModuleHost } from './browserModuleHost';
import type { WebSocketLike } from './browserHubSocket';
import type { CreateWorkerEngine, WorkerEngine } from './engineApi';
import { spawnModuleWorker } from './spawnModuleWorker';

let engine: WorkerEngine | null = null;

export const createWorkerEngine: CreateWorkerEngine = () =>
    (engine ??= new BrowserWorkerEngine({
        serviceUrl: window.location.origin,
        // The DOM's handler types name full events; the socket reads only `data`, `code` and `reason` from them.
        openWebSocket: (url) => new WebSocket(url) as unknown as WebSocketLike,
        moduleHost: browserModuleHost(spawnModuleWorker),
        storage: window.localStorage,
    }));

export type { WorkerEngine, EngineSnapshot, EngineState, ActiveTask, EngineListener } from './engineApi';
export { STOPPED_SNAPSHOT } from './engineApi';
