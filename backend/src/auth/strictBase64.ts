// Node's base64 decoder skips characters it does not know; proofs must not be read that leniently.

const STANDARD_BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** Decodes standard base64 (padding optional), or returns null unless `text` is its canonical encoding. */
export function decodeStrictBase64(text: string): Buffer | null {
    if (!STANDARD_BASE64.test(text)) {
        return null;
    }
    const bytes = Buffer.from(text, 'base64');
    const unpadded = text.replace(/=+$/, '');
    return bytes.toString('base64').replace(/=+$/, '') === unpadded ? bytes : null;
}
