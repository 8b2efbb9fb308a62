// The worker client: a WorkerClient and the parts it is built from, for programs that embed a worker.
export { WorkerClient, DEFAULT_WORKER_TIMING } from './workerClient';
export type { WorkerClientOptions, WorkerSummary, WorkerTiming, WorkerClientEvents } from './workerClient';
export type { WorkerEvent, NotPaidReason } from './workerEvents';
export { walletFromMnemonic, walletFromKeys, mnemonicWords, WALLET_VERSIONS, NETWORK_GLOBAL_IDS } from '../../../client/wallet';
export type { WorkerWallet, WalletVersion, TonNetwork } from '../../../client/wallet';
export { signTonProof } from '../../../client/tonProof';
export type { ClaimSender, ClaimTransfer, WalletCredit } from '../../../client/claimSender';
export { walletClaimSender } from '../../../client/walletClaimSender';
export type { WalletChain } from '../../../client/walletClaimSender';
export { tonClientClaimSender } from '../../../client/tonClientClaimSender';
export { ServiceError } from '../../../client/serviceError';
export type { TaskHooks, HubLink } from './taskHooks';
