// The GSTD client library: one entry point for programs that talk to the service (Node). Browser code imports the
// platform-free files directly (hubConnection, hubSocket, httpTransport, serviceApi, serviceError, typedEmitter,
// backoff), since this entry also brings the wallet, the ton_proof signer and the `ws` socket opener.
export { GstdClient } from './gstdClient';
export type { GstdClientOptions, HubOptions } from './gstdClient';
export { ServiceError, hasCode, UNREACHABLE, TIMED_OUT, BAD_ANSWER } from './serviceError';
export { walletFromMnemonic, walletFromKeys, mnemonicWords, WALLET_VERSIONS, NETWORK_GLOBAL_IDS } from './wallet';
export type { WorkerWallet, WalletVersion, TonNetwork } from './wallet';
export { signTonProof } from './tonProof';
export type { ProofRequest } from './tonProof';
export { HubConnection, HubClosedError, DEFAULT_HUB_TIMING, hubUrlOf } from './hubConnection';
export type { HubAccess, HubConnectionEvents, HubTiming } from './hubConnection';
export type { HubSocket, HubSocketEvents, OpenHubSocket } from './hubSocket';
export { openNodeHubSocket } from './nodeHubSocket';
export { Backoff, DEFAULT_BACKOFF, fullJitterDelay } from './backoff';
export type { BackoffPolicy } from './backoff';
export { retryTransient } from './retryTransient';
export type { RetryPolicy } from './retryTransient';
export type { ClaimSender, ClaimTransfer, WalletCredit } from './claimSender';
export { claimTransferOf, MAX_CLAIM_ATTACHMENT } from './claimTransfer';
export { walletClaimSender, InsufficientBalanceError } from './walletClaimSender';
export type { WalletChain, WalletSendTiming } from './walletClaimSender';
export { tonClientClaimSender } from './tonClientClaimSender';
export type { TonEndpoint } from './tonClientClaimSender';
export { sendTransaction, transfersOf } from './walletTransaction';
export type * from '../protocol';
