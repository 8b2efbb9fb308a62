// The intent's signed data assembled from its documented layout (docs/escrow.md), independently of the
// encoding module: a cross-check of buildSignedData, and a way to sign what the module refuses to (amount 0).
import { sha256_sync } from '@ton/crypto';
import { PayoutIntent } from '../../wrappers/claimEncoding';
import { signEd25519 } from '../../wrappers/ed25519';

function uint64(n: bigint): Buffer {
    const b = Buffer.alloc(8);
    b.writeBigUInt64BE(n);
    return b;
}

export function signedDataByHand(i: PayoutIntent): Buffer {
    const globalId = Buffer.alloc(4);
    globalId.writeInt32BE(i.globalId);
    return Buffer.concat([
        Buffer.from('GSC1', 'ascii'),
        globalId,
        Buffer.from([i.escrow.workChain & 0xff]),
        i.escrow.hash,
        uint64(i.fundingId),
        Buffer.from([i.executor.workChain & 0xff]),
        i.executor.hash,
        uint64(i.amount),
        uint64(BigInt(i.validUntil)),
    ]);
}

/** Signs the hand-made signed data, with no range checks on the intent. */
export function signByHand(i: PayoutIntent, secretKey: Buffer): Buffer {
    return signEd25519(sha256_sync(signedDataByHand(i)), secretKey);
}
