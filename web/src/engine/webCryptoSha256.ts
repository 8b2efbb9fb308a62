// The module contract's sha256 in a browser: Web Crypto. (crypto.subtle exists only in a secure context: a page
// served over https, or from localhost.)
import type { Sha256 } from '../../../worker/src/execute/portable';

export const webCryptoSha256: Sha256 = async (bytes) => {
    // A copy in a plain ArrayBuffer: digest() refuses views of shared memory, and the copy is cheap beside the hash.
    const digest = await globalThis.crypto.subtle.digest('SHA-256', new Uint8Array(bytes));
    return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('');
};
