// The worker client: a WorkerClient and the parts it is built from, for programs that embed a worker.
export { WorkerClient, DEFAULT_WORKER_TIMING } from './workerClient';
export type { WorkerClientOptions, WorkerSummary, WorkerTiming, WorkerClientEvents } from './workerClient';
export type { WorkerEvent, NotPaidReason } from './workerEvents';
export { walletFromMnemonic, walletFromKeys, mnemonicWords, WALLET_VERSIONS, NETWORK_GLOBAL_IDS } from './wallet';
export type { WorkerWallet, WalletVersion, TonNetwork } from './wallet';
export { signTonProof } from './tonProof';
export type { ClaimSender, ClaimTransfer, WalletCredit } from './claimSender';
export { walletClaimSender } from './walletClaimSender';
export type { WalletChain } from './walletClaimSender';
export { tonClientClaimSender } from './tonClientClaimSender';
export { ServiceError } from './serviceError';
export type { TaskHooks, HubLink } from './taskHooks';
