// The bytes a TonConnect wallet signs for `ton_proof`, exactly as the TonConnect protocol lays them out:
//   message = "ton-proof-item-v2/" ++ workchain (int32 BE) ++ address hash (32 bytes)
//             ++ domain length (uint32 LE) ++ domain ++ timestamp (uint64 LE) ++ payload
//   signed  = ed25519 over sha256(0xffff ++ "ton-connect" ++ sha256(message))
// Only the layout lives here, in plain Uint8Arrays so a browser can build it too; each side hashes with its own sha256.
import type { Address } from '@ton/core';

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

const utf8 = new TextEncoder();

function concat(parts: Uint8Array[]): Uint8Array {
    const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
    let at = 0;
    for (const part of parts) {
        out.set(part, at);
        at += part.length;
    }
    return out;
}

export function tonProofMessage(fields: TonProofFields): Uint8Array {
    const domain = utf8.encode(fields.domain);
    const workchain = new Uint8Array(4);
    new DataView(workchain.buffer).setInt32(0, fields.address.workChain, false);
    const domainLength = new Uint8Array(4);
    new DataView(domainLength.buffer).setUint32(0, domain.length, true);
    const timestamp = new Uint8Array(8);
    new DataView(timestamp.buffer).setBigUint64(0, BigInt(fields.timestamp), true);
    return concat([utf8.encode(TON_PROOF_PREFIX), workchain, fields.address.hash, domainLength, domain, timestamp, utf8.encode(fields.payload)]);
}

/** What is hashed into the 32 bytes the wallet's key signs, given sha256 of the proof message. */
export function tonProofSigningInput(messageHash: Uint8Array): Uint8Array {
    return concat([new Uint8Array([0xff, 0xff]), utf8.encode(TON_CONNECT_PREFIX), messageHash]);
}
