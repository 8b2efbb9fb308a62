import { Address, beginCell } from '@ton/core';
import { WalletContractV3R1 } from '@ton/ton';
import fc from 'fast-check';
import { HmacNonceIssuer, TonProofErrorCode, TonProofInput, TonProofPolicy, verifyTonProof } from '../../../backend/src/auth';
import { cellBase64, DOMAIN, newKeyPair, newWallet, NOW, signProof, TestWallet, WALLET_VERSIONS } from './proofFixture';
import { TONKEEPER_PROOF } from './tonkeeperProof';

const MAX_AGE = 300;
// A BOC with two empty root cells, written by hand: @ton/core serialises one root only.
const TWO_ROOT_BOC = Buffer.from('b5ee9c72010102020004000100000000', 'hex').toString('base64');

/** A policy over a set of live nonces; consuming removes one. */
function policyFor(nonces: Iterable<string>, overrides: Partial<TonProofPolicy> = {}): TonProofPolicy & { live: Set<string> } {
    const live = new Set(nonces);
    return {
        allowedDomains: [DOMAIN, 'other.example'],
        maxAgeSeconds: MAX_AGE,
        now: () => NOW,
        consumeNonce: (payload) => live.delete(payload),
        ...overrides,
        live,
    };
}

function expectRejected(input: unknown, policy: TonProofPolicy, code: TonProofErrorCode): void {
    const result = verifyTonProof(input, policy);
    expect(result).toMatchObject({ ok: false, code, message: expect.any(String) });
}

describe.each(WALLET_VERSIONS)('wallet %s', (version) => {
    let wallet: TestWallet;
    beforeAll(async () => {
        wallet = await newWallet(version);
    });

    it('owner can log in with a proof signed by the wallet key', () => {
        const policy = policyFor(['nonce-1']);
        const result = verifyTonProof(signProof(wallet, { payload: 'nonce-1' }), policy);
        expect(result).toMatchObject({ ok: true, walletVersion: version, network: -239 });
        expect(result.ok && result.address.equals(wallet.address)).toBe(true);
        expect(result.ok && result.publicKey.equals(wallet.keyPair.publicKey)).toBe(true);
        expect(policy.live.size).toBe(0);
    });

    it('stranger cannot log in with a proof signed by another key', async () => {
        const policy = policyFor(['nonce-1']);
        expectRejected(signProof(wallet, { payload: 'nonce-1', signer: await newKeyPair() }), policy, 'BAD_SIGNATURE');
        expect(policy.live.has('nonce-1')).toBe(true);
    });

    it('stranger cannot claim this address with the state-init of another wallet', async () => {
        const other = await newWallet(version);
        const input = signProof(other, { payload: 'nonce-1' });
        input.address = wallet.address.toRawString();
        expectRejected(input, policyFor(['nonce-1']), 'ADDRESS_MISMATCH');
    });
});

describe('verifyTonProof', () => {
    let wallet: TestWallet;
    beforeAll(async () => {
        wallet = await newWallet('v4r2');
    });

    it('accepts a proof produced by a real wallet (Tonkeeper)', () => {
        const policy = policyFor(['gems'], { allowedDomains: ['getgems.io'], now: () => TONKEEPER_PROOF.proof.timestamp + 10 });
        const result = verifyTonProof(TONKEEPER_PROOF, policy);
        expect(result).toMatchObject({ ok: true, walletVersion: 'v4r2', network: -239 });
        expect(result.ok && result.address.toRawString()).toBe(TONKEEPER_PROOF.address);
    });

    it('accepts a proof without publicKey, with the timestamp and network as strings', () => {
        const input: TonProofInput = signProof(wallet, { payload: 'nonce-1' });
        delete input.publicKey;
        input.network = '-239';
        input.proof.timestamp = String(NOW);
        expect(verifyTonProof(input, policyFor(['nonce-1'])).ok).toBe(true);
    });

    it('accepts a v5r1 wallet made for testnet and reports the network', async () => {
        const testnetWallet = await newWallet('v5r1', -3);
        const result = verifyTonProof(signProof(testnetWallet, { payload: 'nonce-1', network: -3 }), policyFor(['nonce-1']));
        expect(result).toMatchObject({ ok: true, network: -3 });
    });

    it('works end to end with the nonce issuer, once', () => {
        const issuer = new HmacNonceIssuer({ key: Buffer.alloc(32, 7), now: () => NOW });
        const { payload } = issuer.issueChallenge();
        const input = signProof(wallet, { payload });
        const policy = policyFor([], { consumeNonce: (nonce) => issuer.consume(nonce) });
        expect(verifyTonProof(input, policy).ok).toBe(true);
        expectRejected(input, policy, 'UNKNOWN_NONCE');
    });

    it('rejects a proof for a domain the service does not accept', () => {
        expectRejected(signProof(wallet, { payload: 'nonce-1', domain: 'evil.example' }), policyFor(['nonce-1']), 'BAD_DOMAIN');
    });

    it('accepts a proof exactly maxAge old and rejects one a second older', () => {
        expect(verifyTonProof(signProof(wallet, { payload: 'n', timestamp: NOW - MAX_AGE }), policyFor(['n'])).ok).toBe(true);
        expectRejected(signProof(wallet, { payload: 'n', timestamp: NOW - MAX_AGE - 1 }), policyFor(['n']), 'STALE_PROOF');
    });

    it('tolerates a small clock skew but rejects a proof dated further in the future', () => {
        const policy = (nonce: string) => policyFor([nonce], { maxFutureSkewSeconds: 30 });
        expect(verifyTonProof(signProof(wallet, { payload: 'n', timestamp: NOW + 30 }), policy('n')).ok).toBe(true);
        expectRejected(signProof(wallet, { payload: 'n', timestamp: NOW + 31 }), policy('n'), 'STALE_PROOF');
        expectRejected(signProof(wallet, { payload: 'n', timestamp: NOW + 3600 }), policyFor(['n']), 'STALE_PROOF');
    });

    it('rejects a payload that was never issued', () => {
        expectRejected(signProof(wallet, { payload: 'never-issued' }), policyFor(['nonce-1']), 'UNKNOWN_NONCE');
    });

    it('rejects a replay of a proof that already logged in', () => {
        const policy = policyFor(['nonce-1']);
        const input = signProof(wallet, { payload: 'nonce-1' });
        expect(verifyTonProof(input, policy).ok).toBe(true);
        expectRejected(input, policy, 'UNKNOWN_NONCE');
    });

    it('rejects a claimed publicKey that is not the state-init key', async () => {
        const input = signProof(wallet, { payload: 'nonce-1' });
        input.publicKey = (await newKeyPair()).publicKey.toString('hex');
        expectRejected(input, policyFor(['nonce-1']), 'KEY_MISMATCH');
    });

    it('a proof signed for the basechain wallet does not log in its masterchain twin', () => {
        const input = signProof(wallet, { payload: 'nonce-1' });
        input.address = new Address(-1, wallet.address.hash).toRawString();
        expectRejected(input, policyFor(['nonce-1']), 'WALLET_NOT_BASECHAIN');
    });

    it.each([-1, 7])('a valid proof for a wallet in workchain %i is refused, and its nonce stays live', (workchain) => {
        // The state-init hashes to the same account id on every workchain; the proof is signed for this one.
        const twin: TestWallet = { ...wallet, address: new Address(workchain, wallet.address.hash) };
        const policy = policyFor(['nonce-1']);
        const result = verifyTonProof(signProof(twin, { payload: 'nonce-1' }), policy);
        expect(result).toMatchObject({ ok: false, code: 'WALLET_NOT_BASECHAIN', message: expect.stringContaining(`workchain ${workchain}`) });
        expect(policy.live.has('nonce-1')).toBe(true);
    });

    it('rejects a wallet whose code it does not know, even at its true address', async () => {
        const { publicKey } = await newKeyPair();
        const v3r1 = WalletContractV3R1.create({ workchain: 0, publicKey });
        const input = signProof({ ...wallet, address: v3r1.address, stateInit: v3r1.init }, { payload: 'nonce-1' });
        delete input.publicKey;
        expectRejected(input, policyFor(['nonce-1']), 'BAD_STATE_INIT');
    });

    it('rejects a state-init that is a cell but not a StateInit', () => {
        const input = signProof(wallet, { payload: 'nonce-1' });
        input.proof.stateInit = cellBase64(beginCell().storeUint(0, 5).endCell());
        expectRejected(input, policyFor(['nonce-1']), 'BAD_STATE_INIT');
    });

    it.each([
        ['payload', (input: TonProofInput) => (input.proof.payload = 'nonce-2')],
        ['timestamp', (input: TonProofInput) => (input.proof.timestamp = NOW - 1)],
        ['domain', (input: TonProofInput) => (input.proof.domain = { lengthBytes: 13, value: 'other.example' })],
    ])('rejects a proof whose %s was changed after signing, and leaves the nonce live', (_field, tamper) => {
        const policy = policyFor(['nonce-1', 'nonce-2']);
        const input = signProof(wallet, { payload: 'nonce-1' });
        tamper(input);
        expectRejected(input, policy, 'BAD_SIGNATURE');
        expect([...policy.live]).toEqual(['nonce-1', 'nonce-2']);
    });

    it('a failed proof does not burn the nonce: the owner can still log in with it', async () => {
        const policy = policyFor(['nonce-1']);
        expectRejected(signProof(wallet, { payload: 'nonce-1', signer: await newKeyPair() }), policy, 'BAD_SIGNATURE');
        expectRejected(signProof(wallet, { payload: 'nonce-1', domain: 'evil.example' }), policy, 'BAD_DOMAIN');
        expect(verifyTonProof(signProof(wallet, { payload: 'nonce-1' }), policy).ok).toBe(true);
    });

    describe('malformed input is reported, never thrown', () => {
        let valid: TonProofInput;
        beforeAll(() => {
            valid = signProof(wallet, { payload: 'nonce-1' });
        });

        type Mutation = (input: TonProofInput) => unknown;
        const cases: [string, Mutation][] = [
            ['null input', () => null],
            ['a string', () => 'proof'],
            ['an array', () => [valid]],
            ['no proof', (input) => ({ ...input, proof: undefined })],
            ['no address', (input) => ({ ...input, address: undefined })],
            ['a user-friendly address', (input) => ({ ...input, address: Address.parseRaw(input.address).toString() })],
            ['an address with a short hash', (input) => ({ ...input, address: '0:abcd' })],
            ['an address with non-hex digits', (input) => ({ ...input, address: '0:' + 'zz'.repeat(32) })],
            ['a workchain beyond int32', (input) => ({ ...input, address: '9999999999:' + 'ab'.repeat(32) })],
            ['an unknown network', (input) => ({ ...input, network: '0' })],
            ['a missing network', (input) => ({ ...input, network: undefined })],
            ['a publicKey that is not hex', (input) => ({ ...input, publicKey: 'xyz' })],
            ['a publicKey of 31 bytes', (input) => ({ ...input, publicKey: 'ab'.repeat(31) })],
            ['a negative timestamp', (input) => ({ ...input, proof: { ...input.proof, timestamp: -1 } })],
            ['a fractional timestamp', (input) => ({ ...input, proof: { ...input.proof, timestamp: NOW + 0.5 } })],
            ['a timestamp string with letters', (input) => ({ ...input, proof: { ...input.proof, timestamp: `${NOW}s` } })],
            ['an infinite timestamp', (input) => ({ ...input, proof: { ...input.proof, timestamp: Infinity } })],
            ['no domain', (input) => ({ ...input, proof: { ...input.proof, domain: undefined } })],
            ['a domain length that disagrees', (input) => ({ ...input, proof: { ...input.proof, domain: { lengthBytes: 3, value: DOMAIN } } })],
            ['an empty domain', (input) => ({ ...input, proof: { ...input.proof, domain: { lengthBytes: 0, value: '' } } })],
            ['a domain that is not a string', (input) => ({ ...input, proof: { ...input.proof, domain: { lengthBytes: 1, value: 7 } } })],
            ['no payload', (input) => ({ ...input, proof: { ...input.proof, payload: undefined } })],
            ['a numeric payload', (input) => ({ ...input, proof: { ...input.proof, payload: 42 } })],
            ['an oversized payload', (input) => ({ ...input, proof: { ...input.proof, payload: 'a'.repeat(513) } })],
            ['a signature that is not base64', (input) => ({ ...input, proof: { ...input.proof, signature: '!!' + input.proof.signature } })],
            ['a signature with whitespace', (input) => ({ ...input, proof: { ...input.proof, signature: ' ' + input.proof.signature } })],
            ['a signature of 63 bytes', (input) => ({ ...input, proof: { ...input.proof, signature: Buffer.alloc(63).toString('base64') } })],
            ['no signature', (input) => ({ ...input, proof: { ...input.proof, signature: undefined } })],
            ['a state-init that is not base64', (input) => ({ ...input, proof: { ...input.proof, stateInit: '%%%' } })],
            ['a state-init that is not a BOC', (input) => ({ ...input, proof: { ...input.proof, stateInit: Buffer.from('not a boc').toString('base64') } })],
            ['a truncated state-init BOC', (input) => ({ ...input, proof: { ...input.proof, stateInit: input.proof.stateInit.slice(0, 40) } })],
            ['a state-init BOC with two roots', (input) => ({ ...input, proof: { ...input.proof, stateInit: TWO_ROOT_BOC } })],
            ['an oversized state-init', (input) => ({ ...input, proof: { ...input.proof, stateInit: 'A'.repeat(8196) } })],
            ['no state-init', (input) => ({ ...input, proof: { ...input.proof, stateInit: undefined } })],
        ];

        it('the unmutated proof is valid', () => {
            expect(verifyTonProof(valid, policyFor(['nonce-1'])).ok).toBe(true);
        });

        it.each(cases)('rejects %s as MALFORMED', (_name, mutate) => {
            const policy = policyFor(['nonce-1']);
            expectRejected(mutate(structuredClone(valid)), policy, 'MALFORMED');
            expect(policy.live.size).toBe(1);
        });

        it('never throws on arbitrary values, whole or in any field', () => {
            // No live nonce, so even an input that happens to stay valid cannot succeed.
            const policy = policyFor([]);
            const fields = ['address', 'network', 'publicKey', 'proof'] as const;
            const proofFields = ['timestamp', 'domain', 'payload', 'signature', 'stateInit'] as const;
            fc.assert(
                fc.property(fc.anything(), fc.constantFrom(...fields), fc.constantFrom(...proofFields), (value, field, proofField) => {
                    for (const input of [
                        value,
                        { ...valid, [field]: value },
                        { ...valid, proof: { ...valid.proof, [proofField]: value } },
                    ]) {
                        expect(verifyTonProof(input, policy).ok).toBe(false);
                    }
                }),
                { numRuns: 300 },
            );
        });
    });
});
