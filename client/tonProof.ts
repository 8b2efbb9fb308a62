// A TonConnect `ton_proof`, signed the way a wallet app signs it, so a headless worker can log in like a person.
// The message is the protocol's (protocol/tonProof.ts); the worker hashes it and signs the digest.
import { createHash } from 'node:crypto';
import { beginCell, storeStateInit } from '@ton/core';
import { sign } from '@ton/crypto';
import { tonProofMessage, TonProofRequest, tonProofSigningInput } from '../protocol';
import { NETWORK_GLOBAL_IDS, WorkerWallet } from './wallet';

export interface ProofRequest {
    /** The challenge the service issued. */
    payload: string;
    /** The app domain the service accepts proofs for (host[:port]). */
    domain: string;
    /** Unix seconds. */
    timestamp: number;
}

function sha256(data: Uint8Array): Buffer {
    return createHash('sha256').update(data).digest();
}

/** The body of POST /api/v1/auth/verify for `wallet`, proving it to the service that issued `request.payload`. */
export function signTonProof(wallet: WorkerWallet, request: ProofRequest): TonProofRequest {
    const digest = sha256(tonProofSigningInput(sha256(tonProofMessage({ address: wallet.address, ...request }))));
    // The service learns the wallet's code and key from its state-init and checks that it hashes to the address.
    const stateInit = beginCell().store(storeStateInit(wallet.contract.init)).endCell();
    return {
        address: wallet.address.toRawString(),
        network: `${NETWORK_GLOBAL_IDS[wallet.network]}`,
        publicKey: wallet.keyPair.publicKey.toString('hex'),
        proof: {
            timestamp: request.timestamp,
            domain: { lengthBytes: Buffer.byteLength(request.domain, 'utf8'), value: request.domain },
            payload: request.payload,
            signature: sign(digest, wallet.keyPair.secretKey).toString('base64'),
            stateInit: stateInit.toBoc().toString('base64'),
        },
    };
}
