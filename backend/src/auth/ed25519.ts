// Ed25519 verification through Node's OpenSSL binding: about seventy times faster than the pure-JS
// tweetnacl behind @ton/crypto's signVerify, which matters on a login endpoint.
import { createPublicKey, verify } from 'node:crypto';

// DER SubjectPublicKeyInfo header for an Ed25519 key (RFC 8410); the 32 raw key bytes follow it.
const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

/** True if `signature` is `publicKey`'s ed25519 signature of `message`; false for any malformed key or signature. */
export function verifyEd25519(message: Buffer, signature: Buffer, publicKey: Buffer): boolean {
    if (signature.length !== 64 || publicKey.length !== 32) {
        return false;
    }
    try {
        const key = createPublicKey({ key: Buffer.concat([ED25519_SPKI_PREFIX, publicKey]), format: 'der', type: 'spki' });
        return verify(null, message, key, signature);
    } catch {
        return false;
    }
}
