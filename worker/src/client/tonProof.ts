// A TonConnect `ton_proof`, signed the way a wallet app signs it, so a headless worker can log in like a person.
//   message = "ton-proof-item-v2/" | workchain (int32 BE) | address hash | domain length (uint32 LE) | domain
//             | timestamp (uint64 LE) | payload
//   signature = ed25519(sha256(0xffff | "ton-connect" | sha256(message)))
import { createHash } from 'node:crypto';
import { Address, beginCell, storeStateInit } from '@ton/core';
import { sign } from '@ton/crypto';
import { NETWORK_GLOBAL_IDS, WorkerWallet } from './wallet';

/** The body of POST /api/v1/auth/verify. */
export interface TonProofBody {
    address: string;
    network: string;
    publicKey: string;
    proof: {
        timestamp: number;
        domain: { lengthBytes: number; value: string };
        payload: string;
        signature: string;
        stateInit: string;
    };
}

export interface ProofRequest {
    /** The challenge the service issued. */
    payload: string;
    /** The app domain the service accepts proofs for (host[:port]). */
    domain: string;
    /** Unix seconds. */
    timestamp: number;
}

function sha256(...parts: Buffer[]): Buffer {
    const hash = createHash('sha256');
    for (const part of parts) hash.update(part);
    return hash.digest();
}

export function tonProofMessage(address: Address, request: ProofRequest): Buffer {
    const domain = Buffer.from(request.domain, 'utf8');
    const header = Buffer.alloc(4 + 32 + 4);
    header.writeInt32BE(address.workChain, 0);
    address.hash.copy(header, 4);
    header.writeUInt32LE(domain.length, 36);
    const timestamp = Buffer.alloc(8);
    timestamp.writeBigUInt64LE(BigInt(request.timestamp));
    return Buffer.concat([Buffer.from('ton-proof-item-v2/', 'utf8'), header, domain, timestamp, Buffer.from(request.payload, 'utf8')]);
}

export function signTonProof(wallet: WorkerWallet, request: ProofRequest): TonProofBody {
    const digest = sha256(Buffer.from([0xff, 0xff]), Buffer.from('ton-connect', 'utf8'), sha256(tonProofMessage(wallet.address, request)));
    // The service learns the wallet's code and key from its state-init and checks that it hashes to the address.
    const stateInit = beginCell().store(storeStateInit(wallet.contract.init)).endCell();
    return {
        address: wallet.address.toRawString(),
        network: String(NETWORK_GLOBAL_IDS[wallet.network]),
        publicKey: wallet.keyPair.publicKey.toString('hex'),
        proof: {
            timestamp: request.timestamp,
            domain: { lengthBytes: Buffer.byteLength(request.domain, 'utf8'), value: request.domain },
            payload: request.payload,
            signature: sign(digest, wallet.keyPair.secretKey).toString('base64'),
            stateInit: stateInit.toBoc().toString('base64'),
        },
    };
}
