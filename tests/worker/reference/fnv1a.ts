// Reference for hash-chain, written from the FNV-1a definition rather than from the WAT.

const FNV32_OFFSET_BASIS = 0x811c9dc5;
const FNV32_PRIME = 0x01000193;

export function fnv1a32(bytes: Uint8Array): number {
    let hash = FNV32_OFFSET_BASIS;
    for (const byte of bytes) {
        hash = Math.imul(hash ^ byte, FNV32_PRIME) >>> 0;
    }
    return hash;
}

/** Each round hashes the previous state's four little-endian bytes; the first state is the seed. */
export function hashChainReference(seed: number, rounds: number): number {
    const word = new DataView(new ArrayBuffer(4));
    let state = seed >>> 0;
    for (let round = 0; round < rounds; round++) {
        word.setUint32(0, state, true);
        state = fnv1a32(new Uint8Array(word.buffer));
    }
    return state;
}
