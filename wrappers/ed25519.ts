// Ed25519 through Node's OpenSSL binding: signing and verifying are about seventy times faster than the
// pure-JS tweetnacl behind @ton/crypto, which matters for the backend issuing intents and checking logins.
// Keys are @ton/crypto's: a 64-byte secret key (seed then public key) and a 32-byte public key.
import { createPrivateKey, createPublicKey, sign, verify } from 'node:crypto';

// DER PKCS#8 header for an Ed25519 private key (RFC 8410); the 32-byte seed follows it.
const ED25519_PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

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

/** `secretKey`'s ed25519 signature of `message`; the same bytes @ton/crypto's `sign` produces. */
export function signEd25519(message: Buffer, secretKey: Buffer): Buffer {
    if (secretKey.length !== 64) throw new RangeError('secret key must be 64 bytes (seed and public key)');
    const key = createPrivateKey({ key: Buffer.concat([ED25519_PKCS8_PREFIX, secretKey.subarray(0, 32)]), format: 'der', type: 'pkcs8' });
    return sign(null, message, key);
}
