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
export { HmacNonceIssuer, nonceKeyFromSecret, DEFAULT_NONCE_TTL_SECONDS, MAX_ISSUER_CLOCK_SKEW_SECONDS } from './hmacNonceIssuer';
export type { HmacNonceIssuerOptions } from './hmacNonceIssuer';
export { BASECHAIN, isBasechain } from './basechain';
