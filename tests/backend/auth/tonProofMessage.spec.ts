import { createHash } from 'node:crypto';
import { Address } from '@ton/core';
import { signVerify } from '@ton/crypto';
import { buildTonProofMessage, tonProofSignedDigest } from '../../../backend/src/auth';
import { TONKEEPER_MESSAGE_HEX, TONKEEPER_PROOF } from './tonkeeperProof';

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest();

describe('ton_proof message', () => {
    const tonkeeperFields = {
        address: Address.parseRaw(TONKEEPER_PROOF.address),
        domain: TONKEEPER_PROOF.proof.domain.value,
        timestamp: TONKEEPER_PROOF.proof.timestamp,
        payload: TONKEEPER_PROOF.proof.payload,
    };

    it('is byte for byte the message a real wallet signed', () => {
        expect(buildTonProofMessage(tonkeeperFields).toString('hex')).toBe(TONKEEPER_MESSAGE_HEX);
    });

    it('signed digest is sha256(0xffff ++ "ton-connect" ++ sha256(message))', () => {
        const message = buildTonProofMessage(tonkeeperFields);
        const expected = sha256(Buffer.concat([Buffer.from('ffff', 'hex'), Buffer.from('ton-connect'), sha256(message)]));
        expect(tonProofSignedDigest(message).equals(expected)).toBe(true);
    });

    it('real wallet signature verifies over our digest', () => {
        const digest = tonProofSignedDigest(buildTonProofMessage(tonkeeperFields));
        const signature = Buffer.from(TONKEEPER_PROOF.proof.signature, 'base64');
        expect(signVerify(digest, signature, Buffer.from(TONKEEPER_PROOF.publicKey, 'hex'))).toBe(true);
    });

    it('encodes a negative workchain as int32 big-endian and lengths in UTF-8 bytes', () => {
        const hash = Buffer.alloc(32, 0xab);
        const message = buildTonProofMessage({ address: new Address(-1, hash), domain: 'dé.io', timestamp: 2 ** 40 + 1, payload: 'ñ' });
        const expected = Buffer.concat([
            Buffer.from('ton-proof-item-v2/'),
            Buffer.from('ffffffff', 'hex'),
            hash,
            Buffer.from('06000000', 'hex'),
            Buffer.from('dé.io'),
            Buffer.from('0100000000010000', 'hex'),
            Buffer.from('c3b1', 'hex'),
        ]);
        expect(message.toString('hex')).toBe(expected.toString('hex'));
    });
});
