// The service's side of a TonConnect `ton_proof`: the protocol's message layout (protocol/tonProof.ts), as a
// Buffer, and the digest the wallet's key signs, hashed with Node's sha256.
import { createHash } from 'node:crypto';
import { TonProofFields, tonProofMessage, tonProofSigningInput } from '../../../protocol';

export type { TonProofFields };

function sha256(data: Uint8Array): Buffer {
    return createHash('sha256').update(data).digest();
}

export function buildTonProofMessage(fields: TonProofFields): Buffer {
    return Buffer.from(tonProofMessage(fields));
}

/** The 32 bytes the wallet's ed25519 key signs for a proof message. */
export function tonProofSignedDigest(message: Uint8Array): Buffer {
    return sha256(tonProofSigningInput(sha256(message)));
}
