// Verification of a TonConnect `ton_proof`: the wallet at `address` signed our one-time payload for our domain.
import { Address, contractAddress } from '@ton/core';
import { verifyEd25519 } from '../../../wrappers/ed25519';
import { BASECHAIN, isBasechain } from './basechain';
import { buildTonProofMessage, tonProofSignedDigest } from './tonProofMessage';
import { parseTonProofInput, TonNetwork } from './tonProofInput';
import { WalletVersion } from './walletCodes';
import { identifyWallet } from './walletPublicKey';

/** How far a proof's timestamp may lie ahead of our clock, for wallets whose clock runs fast. */
export const DEFAULT_MAX_FUTURE_SKEW_SECONDS = 60;

export interface TonProofPolicy {
    /** Domains (exact `proof.domain.value`) this service accepts proofs for. */
    allowedDomains: readonly string[];
    /** Oldest accepted proof, in seconds before `now()`. */
    maxAgeSeconds: number;
    /** Newest accepted proof, in seconds after `now()`; default DEFAULT_MAX_FUTURE_SKEW_SECONDS. */
    maxFutureSkewSeconds?: number;
    /** Current unix time in seconds. */
    now: () => number;
    /** True if the payload was issued, is unexpired and unused, and is now consumed; atomically. */
    consumeNonce: (payload: string) => boolean;
}

export type TonProofErrorCode =
    | 'MALFORMED'
    | 'WALLET_NOT_BASECHAIN'
    | 'BAD_DOMAIN'
    | 'STALE_PROOF'
    | 'BAD_STATE_INIT'
    | 'ADDRESS_MISMATCH'
    | 'KEY_MISMATCH'
    | 'BAD_SIGNATURE'
    | 'UNKNOWN_NONCE';

export type TonProofVerification =
    | { ok: true; address: Address; publicKey: Buffer; walletVersion: WalletVersion; network: TonNetwork }
    | { ok: false; code: TonProofErrorCode; message: string };

function reject(code: TonProofErrorCode, message: string): TonProofVerification {
    return { ok: false, code, message };
}

/**
 * Checks, in this order, stopping at the first failure:
 * MALFORMED → WALLET_NOT_BASECHAIN → BAD_DOMAIN → STALE_PROOF → BAD_STATE_INIT → ADDRESS_MISMATCH → KEY_MISMATCH → BAD_SIGNATURE → UNKNOWN_NONCE.
 *
 * The nonce is consumed last, only for a proof that passed every other check. A failed proof therefore leaves
 * the nonce usable: whoever sees a payload in transit cannot burn it with a bogus proof and lock the real
 * wallet out of its login. Replay stays impossible because the only proof that consumes a nonce is a valid one,
 * the consumption is atomic (two copies of one valid proof: the second gets UNKNOWN_NONCE), and the signature
 * binds the payload, so a nonce cannot be moved to another proof. Retrying bad proofs against a live nonce gains
 * nothing: forging ed25519 is infeasible, and the nonce's TTL and the timestamp window bound the time anyway.
 *
 * Never throws on bad input; an exception from `policy.consumeNonce` (a failing store) propagates.
 */
export function verifyTonProof(input: unknown, policy: TonProofPolicy): TonProofVerification {
    const parsed = parseTonProofInput(input);
    if (!parsed.ok) {
        return reject('MALFORMED', parsed.message);
    }
    const proof = parsed.proof;
    // Which wallets may log in is public policy, so it is checked before any cryptography.
    if (!isBasechain(proof.address)) {
        return reject(
            'WALLET_NOT_BASECHAIN',
            `the wallet is in workchain ${proof.address.workChain}; only basechain (${BASECHAIN}) wallets can be paid, so only they log in`,
        );
    }

    if (!policy.allowedDomains.includes(proof.domain)) {
        return reject('BAD_DOMAIN', `proof is for domain ${JSON.stringify(proof.domain)}, which this service does not accept`);
    }

    const now = policy.now();
    const maxFutureSkew = policy.maxFutureSkewSeconds ?? DEFAULT_MAX_FUTURE_SKEW_SECONDS;
    if (now - proof.timestamp > policy.maxAgeSeconds) {
        return reject('STALE_PROOF', `proof is ${now - proof.timestamp} s old; the limit is ${policy.maxAgeSeconds} s`);
    }
    if (proof.timestamp - now > maxFutureSkew) {
        return reject('STALE_PROOF', `proof is dated ${proof.timestamp - now} s in the future`);
    }

    const wallet = identifyWallet(proof.stateInit);
    if (!wallet.ok) {
        return reject('BAD_STATE_INIT', wallet.reason);
    }
    if (!contractAddress(proof.address.workChain, wallet.stateInit).equals(proof.address)) {
        return reject('ADDRESS_MISMATCH', 'address is not the address of the wallet state-init');
    }
    if (proof.publicKey && !proof.publicKey.equals(wallet.publicKey)) {
        return reject('KEY_MISMATCH', 'publicKey is not the key in the wallet state-init');
    }

    const digest = tonProofSignedDigest(buildTonProofMessage(proof));
    if (!verifyEd25519(digest, proof.signature, wallet.publicKey)) {
        return reject('BAD_SIGNATURE', 'signature does not verify with the wallet key');
    }

    if (!policy.consumeNonce(proof.payload)) {
        return reject('UNKNOWN_NONCE', 'payload was never issued, has expired or was already used');
    }
    return { ok: true, address: proof.address, publicKey: wallet.publicKey, walletVersion: wallet.version, network: proof.network };
}
