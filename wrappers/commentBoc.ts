// The BOC of a text comment, written directly. A comment body is at most two plain cells of whole bytes, so its
// serialisation is a fixed layout; building it through @ton/core's Cell would hash both cells in pure-JS SHA-256,
// which is most of what issuing an intent costs. tests/commentBoc.spec.ts checks it equals Cell.toBoc() byte for byte.

/** Text bytes the root cell holds after the 32-bit zero opcode, and a continuation cell holds. */
const ROOT_TEXT_BYTES = 123;
const CELL_BYTES = 127;
const BOC_MAGIC = Buffer.from('b5ee9c72', 'hex');
/** has_idx 0, has_crc32c 1, has_cache_bits 0, flags 0, size_bytes 1. */
const BOC_FLAGS = 0x41;

/** The BOC (with CRC32-C, as Cell.toBoc() writes it) of a text comment, or null when it needs more than two cells. */
export function commentBoc(text: Buffer): Buffer | null {
    if (text.length > ROOT_TEXT_BYTES + CELL_BYTES) return null;
    const rootText = text.subarray(0, ROOT_TEXT_BYTES);
    const tail = text.length > ROOT_TEXT_BYTES ? text.subarray(ROOT_TEXT_BYTES) : null;
    // Cell: d1 = number of refs, d2 = 2 × data bytes (all bytes are full), data, then ref indexes.
    const root = Buffer.concat([Buffer.from([tail ? 1 : 0, 2 * (4 + rootText.length), 0, 0, 0, 0]), rootText, tail ? Buffer.from([1]) : Buffer.alloc(0)]);
    const cells = tail ? [root, Buffer.concat([Buffer.from([0, 2 * tail.length]), tail])] : [root];
    const cellsSize = cells.reduce((n, c) => n + c.length, 0);
    const offsetBytes = cellsSize < 0x100 ? 1 : 2;
    const header = Buffer.from([BOC_FLAGS, offsetBytes, cells.length, 1, 0]);
    const size = Buffer.alloc(offsetBytes);
    size.writeUIntBE(cellsSize, 0, offsetBytes);
    const body = Buffer.concat([BOC_MAGIC, header, size, Buffer.from([0]), ...cells]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32LE(crc32c(body));
    return Buffer.concat([body, crc]);
}

const CRC32C_TABLE = (() => {
    const table = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
        let c = n;
        for (let k = 0; k < 8; k++) c = c & 1 ? 0x82f63b78 ^ (c >>> 1) : c >>> 1;
        table[n] = c >>> 0;
    }
    return table;
})();

function crc32c(bytes: Buffer): number {
    let crc = 0xffffffff;
    for (const byte of bytes) crc = CRC32C_TABLE[(crc ^ byte) & 0xff] ^ (crc >>> 8);
    return (crc ^ 0xffffffff) >>> 0;
}
