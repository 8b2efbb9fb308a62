// Wallet authentication with TonConnect `ton_proof`.
export { verifyTonProof, DEFAULT_MAX_FUTURE_SKEW_SECONDS } from './verifyTonProof';
export type { TonProofPolicy, TonProofVerification, TonProofErrorCode } from './verifyTonProof';
export { TON_NETWORKS } from './tonProofInput';
export type { TonProofInput, TonNetwork } from './tonProofInput';
export { buildTonProofMessage, tonProofSignedDigest } from './tonProofMessage';
export type { TonProofFields } from './tonProofMessage';
export { identifyWallet } from './walletPublicKey';
export type { WalletIdentity } from './walletPublicKey';
export type { WalletVersion } from './walletCodes';
export type { Challenge, NonceIssuer } from './nonceIssuer';
export { InMemoryNonceIssuer, DEFAULT_NONCE_TTL_SECONDS, DEFAULT_MAX_OUTSTANDING_NONCES } from './inMemoryNonceIssuer';
export type { InMemoryNonceIssuerOptions } from './inMemoryNonceIssuer';
