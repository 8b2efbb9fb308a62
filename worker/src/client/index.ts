// The worker client: a WorkerClient and the parts only a worker needs, for programs that embed a worker. The
// service's API, the wallet, the claim senders and the hub are the client library's (client/index.ts).
export { WorkerClient, DEFAULT_WORKER_TIMING } from './workerClient';
export type { WorkerClientOptions, WorkerSummary, WorkerTiming, WorkerClientEvents } from './workerClient';
export type { WorkerEvent, NotPaidReason } from './workerEvents';
export type { TaskHooks, HubLink } from './taskHooks';
