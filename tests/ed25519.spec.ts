// Ed25519 via node:crypto agrees with @ton/crypto byte for byte, and never throws on bad verification input.
import { randomBytes } from 'node:crypto';
import { keyPairFromSeed, sign } from '@ton/crypto';
import { signEd25519, verifyEd25519 } from '../wrappers/ed25519';

describe('ed25519 through node:crypto', () => {
    const keyPair = keyPairFromSeed(randomBytes(32));
    const message = randomBytes(32);
    const signature = sign(message, keyPair.secretKey);

    it('accepts a signature made by @ton/crypto', () => {
        expect(verifyEd25519(message, signature, keyPair.publicKey)).toBe(true);
    });

    it('signs the same bytes as @ton/crypto', () => {
        expect(signEd25519(message, keyPair.secretKey).equals(signature)).toBe(true);
    });

    it('refuses a secret key of the wrong size', () => {
        expect(() => signEd25519(message, keyPair.secretKey.subarray(0, 32))).toThrow(RangeError);
    });

    it('rejects a signature with one bit flipped, or over another message', () => {
        const flipped = Buffer.from(signature);
        flipped[10] ^= 1;
        expect(verifyEd25519(message, flipped, keyPair.publicKey)).toBe(false);
        expect(verifyEd25519(randomBytes(32), signature, keyPair.publicKey)).toBe(false);
    });

    it('returns false, never throws, for keys and signatures of the wrong size or not on the curve', () => {
        expect(verifyEd25519(message, signature.subarray(0, 63), keyPair.publicKey)).toBe(false);
        expect(verifyEd25519(message, signature, keyPair.publicKey.subarray(0, 31))).toBe(false);
        expect(verifyEd25519(message, signature, Buffer.alloc(32, 0xff))).toBe(false);
        expect(verifyEd25519(message, Buffer.alloc(64, 0xff), keyPair.publicKey)).toBe(false);
    });
});
