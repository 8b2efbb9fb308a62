// Ed25519 through Node's OpenSSL binding: signing and verifying are about seventy times faster than the
// pure-JS tweetnacl behind @ton/crypto, which matters for the backend issuing intents and checking logins.
// Keys are @ton/crypto's: a 64-byte secret key (seed then public key) and a 32-byte public key.
import { createPrivateKey, createPublicKey, KeyObject, sign, verify } from 'node:crypto';

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

// Importing a key costs ten times what signing does. A service signs with one key for its whole life, so the
// imported key is kept per secret-key buffer (and forgotten with it).
const privateKeys = new WeakMap<Buffer, { seed: string; key: KeyObject }>();

function privateKeyOf(secretKey: Buffer): KeyObject {
    const seed = secretKey.subarray(0, 32).toString('hex');
    const known = privateKeys.get(secretKey);
    // Compare the seed too: a caller may have overwritten the buffer since.
    if (known && known.seed === seed) return known.key;
    const key = createPrivateKey({ key: Buffer.concat([ED25519_PKCS8_PREFIX, secretKey.subarray(0, 32)]), format: 'der', type: 'pkcs8' });
    privateKeys.set(secretKey, { seed, key });
    return key;
}

/** `secretKey`'s ed25519 signature of `message`; the same bytes @ton/crypto's `sign` produces. */
export function signEd25519(message: Buffer, secretKey: Buffer): Buffer {
    if (secretKey.length !== 64) throw new RangeError('secret key must be 64 bytes (seed and public key)');
    return sign(null, message, privateKeyOf(secretKey));
}
