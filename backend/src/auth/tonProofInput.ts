// The proof as a client sends it (TonConnect's TonProofItemReplySuccess plus the account it proves),
// read from untrusted input into typed values. Never throws: anything that does not fit is reported.
import { Address, Cell } from '@ton/core';
import { decodeStrictBase64 } from './strictBase64';

/** Network ids TonConnect reports as `account.chain`: mainnet and testnet. */
export const TON_NETWORKS = [-239, -3] as const;
export type TonNetwork = (typeof TON_NETWORKS)[number];

/** Bounds on untrusted sizes, far above what any real wallet sends. */
export const MAX_DOMAIN_BYTES = 256;
export const MAX_PAYLOAD_BYTES = 512;
export const MAX_STATE_INIT_BASE64_CHARS = 8192;

/** The expected wire shape. `verifyTonProof` accepts any value and checks it against this. */
export interface TonProofInput {
    /** Raw form, "<workchain>:<64 hex>". */
    address: string;
    network: TonNetwork | `${TonNetwork}`;
    /** Hex; when present it must be the key in the state-init. */
    publicKey?: string;
    proof: {
        /** Unix seconds, as a number or a decimal string. */
        timestamp: number | string;
        domain: { lengthBytes: number; value: string };
        payload: string;
        /** Standard base64 of the 64-byte ed25519 signature. */
        signature: string;
        /** Standard base64 of the wallet's StateInit BOC. */
        stateInit: string;
    };
}

export interface ParsedTonProof {
    address: Address;
    network: TonNetwork;
    publicKey: Buffer | null;
    timestamp: number;
    domain: string;
    payload: string;
    signature: Buffer;
    stateInit: Cell;
}

export type ParseResult = { ok: true; proof: ParsedTonProof } | { ok: false; message: string };

const RAW_ADDRESS = /^(-?\d{1,10}):([0-9a-fA-F]{64})$/;
const PUBLIC_KEY_HEX = /^[0-9a-fA-F]{64}$/;
const DECIMAL = /^\d{1,16}$/;

class Malformed extends Error {}

function record(value: unknown, name: string): Record<string, unknown> {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        throw new Malformed(`${name} must be an object`);
    }
    return value as Record<string, unknown>;
}

function text(value: unknown, name: string): string {
    if (typeof value !== 'string' || value.length === 0) {
        throw new Malformed(`${name} must be a non-empty string`);
    }
    return value;
}

function readAddress(value: unknown): Address {
    const match = RAW_ADDRESS.exec(text(value, 'address'));
    const workchain = match ? Number(match[1]) : NaN;
    if (!match || workchain < -(2 ** 31) || workchain >= 2 ** 31) {
        throw new Malformed('address must be raw "<workchain>:<64 hex digits>"');
    }
    return new Address(workchain, Buffer.from(match[2], 'hex'));
}

function readNetwork(value: unknown): TonNetwork {
    const network = TON_NETWORKS.find((id) => value === id || value === String(id));
    if (network === undefined) {
        throw new Malformed(`network must be one of ${TON_NETWORKS.join(', ')}`);
    }
    return network;
}

function readPublicKey(value: unknown): Buffer | null {
    if (value === undefined) {
        return null;
    }
    if (typeof value !== 'string' || !PUBLIC_KEY_HEX.test(value)) {
        throw new Malformed('publicKey must be 64 hex digits');
    }
    return Buffer.from(value, 'hex');
}

function readTimestamp(value: unknown): number {
    const seconds = typeof value === 'string' && DECIMAL.test(value) ? Number(value) : value;
    if (typeof seconds !== 'number' || !Number.isSafeInteger(seconds) || seconds < 0) {
        throw new Malformed('proof.timestamp must be non-negative integer unix seconds');
    }
    return seconds;
}

function readDomain(value: unknown): string {
    const domain = record(value, 'proof.domain');
    const name = text(domain.value, 'proof.domain.value');
    const length = Buffer.byteLength(name, 'utf8');
    if (length > MAX_DOMAIN_BYTES) {
        throw new Malformed(`proof.domain.value is longer than ${MAX_DOMAIN_BYTES} bytes`);
    }
    if (domain.lengthBytes !== length) {
        throw new Malformed('proof.domain.lengthBytes does not match the UTF-8 length of proof.domain.value');
    }
    return name;
}

function readPayload(value: unknown): string {
    const payload = text(value, 'proof.payload');
    if (Buffer.byteLength(payload, 'utf8') > MAX_PAYLOAD_BYTES) {
        throw new Malformed(`proof.payload is longer than ${MAX_PAYLOAD_BYTES} bytes`);
    }
    return payload;
}

function readSignature(value: unknown): Buffer {
    const signature = decodeStrictBase64(text(value, 'proof.signature'));
    if (!signature || signature.length !== 64) {
        throw new Malformed('proof.signature must be base64 of 64 bytes');
    }
    return signature;
}

function readStateInitCell(value: unknown): Cell {
    const encoded = text(value, 'proof.stateInit');
    if (encoded.length > MAX_STATE_INIT_BASE64_CHARS) {
        throw new Malformed(`proof.stateInit is longer than ${MAX_STATE_INIT_BASE64_CHARS} characters`);
    }
    const boc = decodeStrictBase64(encoded);
    if (!boc) {
        throw new Malformed('proof.stateInit must be base64');
    }
    let roots: Cell[];
    try {
        roots = Cell.fromBoc(boc);
    } catch {
        throw new Malformed('proof.stateInit is not a valid BOC');
    }
    if (roots.length !== 1) {
        throw new Malformed('proof.stateInit must hold exactly one root cell');
    }
    return roots[0];
}

export function parseTonProofInput(input: unknown): ParseResult {
    try {
        const body = record(input, 'input');
        const proof = record(body.proof, 'proof');
        return {
            ok: true,
            proof: {
                address: readAddress(body.address),
                network: readNetwork(body.network),
                publicKey: readPublicKey(body.publicKey),
                timestamp: readTimestamp(proof.timestamp),
                domain: readDomain(proof.domain),
                payload: readPayload(proof.payload),
                signature: readSignature(proof.signature),
                stateInit: readStateInitCell(proof.stateInit),
            },
        };
    } catch (error) {
        if (error instanceof Malformed) {
            return { ok: false, message: error.message };
        }
        throw error;
    }
}
