// The one ton_proof message builder gives the bytes the service and the worker each built before they shared it:
// the layout below is the previous implementation, kept here as the model (TonConnect's ton_proof spec).
import { Address } from '@ton/core';
import fc from 'fast-check';
import { tonProofMessage, tonProofSigningInput } from '../../protocol';
import { TONKEEPER_MESSAGE_HEX, TONKEEPER_PROOF } from '../backend/auth/tonkeeperProof';

function previousLayout(address: Address, domain: string, timestamp: number, payload: string): Buffer {
    const workchain = Buffer.alloc(4);
    workchain.writeInt32BE(address.workChain);
    const domainBytes = Buffer.from(domain, 'utf8');
    const domainLength = Buffer.alloc(4);
    domainLength.writeUInt32LE(domainBytes.length);
    const time = Buffer.alloc(8);
    time.writeBigUInt64LE(BigInt(timestamp));
    return Buffer.concat([Buffer.from('ton-proof-item-v2/', 'utf8'), workchain, address.hash, domainLength, domainBytes, time, Buffer.from(payload, 'utf8')]);
}

describe('ton_proof message', () => {
    it("is Tonkeeper's message for Tonkeeper's proof", () => {
        const fields = {
            address: Address.parseRaw(TONKEEPER_PROOF.address),
            domain: TONKEEPER_PROOF.proof.domain.value,
            timestamp: TONKEEPER_PROOF.proof.timestamp,
            payload: TONKEEPER_PROOF.proof.payload,
        };
        expect(Buffer.from(tonProofMessage(fields)).toString('hex')).toBe(TONKEEPER_MESSAGE_HEX);
    });

    it('is the previous layout for any address, domain, timestamp and payload', () => {
        fc.assert(
            fc.property(
                fc.constantFrom(0, -1),
                fc.uint8Array({ minLength: 32, maxLength: 32 }),
                fc.string({ unit: 'grapheme', maxLength: 40 }),
                fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }),
                fc.string({ unit: 'grapheme', maxLength: 80 }),
                (workchain, hash, domain, timestamp, payload) => {
                    const address = new Address(workchain, Buffer.from(hash));
                    const message = tonProofMessage({ address, domain, timestamp, payload });
                    expect(Buffer.from(message).equals(previousLayout(address, domain, timestamp, payload))).toBe(true);
                },
            ),
        );
    });

    it('is signed as 0xffff, "ton-connect" and the message hash', () => {
        const hash = new Uint8Array(32).fill(9);
        expect(Buffer.from(tonProofSigningInput(hash)).toString('hex')).toBe('ffff' + Buffer.from('ton-connect').toString('hex') + '09'.repeat(32));
    });
});
