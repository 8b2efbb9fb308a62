// The bytes a TonConnect wallet signs for `ton_proof`, exactly as the TonConnect protocol defines them:
//   message = "ton-proof-item-v2/" ++ workchain (int32 BE) ++ address hash (32 bytes)
//             ++ domain length (uint32 LE) ++ domain ++ timestamp (uint64 LE) ++ payload
//   signed  = ed25519 over sha256(0xffff ++ "ton-connect" ++ sha256(message))
import { createHash } from 'node:crypto';
import { Address } from '@ton/core';

export const TON_PROOF_PREFIX = 'ton-proof-item-v2/';
export const TON_CONNECT_PREFIX = 'ton-connect';

/** The fields of a proof that enter the signed message. */
export interface TonProofFields {
    address: Address;
    /** App domain as the wallet saw it (host of the manifest URL), UTF-8. */
    domain: string;
    /** Unix seconds of the signing operation. */
    timestamp: number;
    /** The challenge payload, signed as its UTF-8 bytes. */
    payload: string;
}

function sha256(data: Buffer): Buffer {
    return createHash('sha256').update(data).digest();
}

export function buildTonProofMessage(fields: TonProofFields): Buffer {
    const workchain = Buffer.alloc(4);
    workchain.writeInt32BE(fields.address.workChain);
    const domain = Buffer.from(fields.domain, 'utf8');
    const domainLength = Buffer.alloc(4);
    domainLength.writeUInt32LE(domain.length);
    const timestamp = Buffer.alloc(8);
    timestamp.writeBigUInt64LE(BigInt(fields.timestamp));
    return Buffer.concat([
        Buffer.from(TON_PROOF_PREFIX, 'utf8'),
        workchain,
        fields.address.hash,
        domainLength,
        domain,
        timestamp,
        Buffer.from(fields.payload, 'utf8'),
    ]);
}

/** The 32 bytes the wallet's ed25519 key signs for a proof message. */
export function tonProofSignedDigest(message: Buffer): Buffer {
    return sha256(Buffer.concat([Buffer.from([0xff, 0xff]), Buffer.from(TON_CONNECT_PREFIX, 'utf8'), sha256(message)]));
}
