// The `ton_proof` reply a TonConnect wallet gives: the protocol's message (protocol/tonProof.ts) for this wallet,
// the dApp's domain and the challenge, signed with the wallet's key as the TonConnect spec says.
import { createHash } from 'node:crypto';
import { Address } from '@ton/core';
import { sign } from '@ton/crypto';
import type { TonProofItemReplySuccess } from '@tonconnect/protocol';
import { tonProofMessage, tonProofSigningInput } from '../../../protocol';

const sha256 = (data: Uint8Array) => createHash('sha256').update(data).digest();

export interface TonProofRequestFields {
    address: Address;
    /** The dApp's host as the wallet sees it: the host of the manifest's `url`. */
    domain: string;
    /** The challenge the dApp put in its ton_proof item. */
    payload: string;
    /** Unix seconds. */
    timestamp: number;
}

export function signTonProof(fields: TonProofRequestFields, secretKey: Buffer): TonProofItemReplySuccess {
    const digest = sha256(tonProofSigningInput(sha256(tonProofMessage(fields))));
    return {
        name: 'ton_proof',
        proof: {
            timestamp: fields.timestamp,
            domain: { lengthBytes: Buffer.byteLength(fields.domain, 'utf8'), value: fields.domain },
            payload: fields.payload,
            signature: sign(digest, secretKey).toString('base64'),
        },
    };
}
