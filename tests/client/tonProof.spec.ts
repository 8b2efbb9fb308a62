// The worker's own ton_proof signer, checked by the service's verifier: v4 and v5r1 wallets log in, and a proof
// changed in any signed field does not.
import { getSecureRandomBytes, keyPairFromSeed, mnemonicNew, signVerify } from '@ton/crypto';
import { buildTonProofMessage, tonProofSignedDigest, verifyTonProof } from '../../backend/src/auth';
import { signTonProof } from '../../client/tonProof';
import { walletFromKeys, walletFromMnemonic, WalletVersion, WorkerWallet } from '../../client/wallet';

const DOMAIN = 'worker.test';
const NOW = 1_767_225_600;
const PAYLOAD = 'a1'.repeat(32);

function policy() {
    return { allowedDomains: [DOMAIN], maxAgeSeconds: 300, now: () => NOW, consumeNonce: (payload: string) => payload === PAYLOAD };
}

async function randomWallet(version: WalletVersion, network: 'mainnet' | 'testnet' = 'testnet'): Promise<WorkerWallet> {
    return walletFromKeys(keyPairFromSeed(await getSecureRandomBytes(32)), version, network);
}

describe('ton_proof signer', () => {
    it.each([
        ['v4', 'testnet', 'v4r2'],
        ['v4', 'mainnet', 'v4r2'],
        ['v5r1', 'testnet', 'v5r1'],
        ['v5r1', 'mainnet', 'v5r1'],
    ] as const)('a %s wallet on %s passes the service verifier as %s', async (version, network, verifiedAs) => {
        const wallet = await randomWallet(version, network);
        const result = verifyTonProof(signTonProof(wallet, { payload: PAYLOAD, domain: DOMAIN, timestamp: NOW - 5 }), policy());
        expect(result).toMatchObject({ ok: true, walletVersion: verifiedAs });
        if (result.ok) {
            expect(result.address.equals(wallet.address)).toBe(true);
            expect(result.publicKey.equals(wallet.keyPair.publicKey)).toBe(true);
        }
    });

    it('a wallet from a mnemonic logs in with the address the mnemonic controls', async () => {
        const words = await mnemonicNew(24);
        const wallet = await walletFromMnemonic(words, 'v5r1', 'testnet');
        const result = verifyTonProof(signTonProof(wallet, { payload: PAYLOAD, domain: DOMAIN, timestamp: NOW }), policy());
        expect(result.ok && result.address.equals(wallet.address)).toBe(true);
    });

    it('signs the digest the service rebuilds, for a domain outside ASCII too', async () => {
        const wallet = await randomWallet('v4');
        const request = { payload: PAYLOAD, domain: 'ünïcode.test:8080', timestamp: NOW };
        const digest = tonProofSignedDigest(buildTonProofMessage({ address: wallet.address, ...request }));
        const signature = Buffer.from(signTonProof(wallet, request).proof.signature, 'base64');
        expect(signVerify(digest, signature, wallet.keyPair.publicKey)).toBe(true);
    });

    it('a proof with any signed field changed is refused', async () => {
        const wallet = await randomWallet('v4');
        const proof = signTonProof(wallet, { payload: PAYLOAD, domain: DOMAIN, timestamp: NOW });
        const otherPayload = { ...proof, proof: { ...proof.proof, payload: 'b2'.repeat(32) } };
        const otherTime = { ...proof, proof: { ...proof.proof, timestamp: NOW - 1 } };
        const otherWallet = await randomWallet('v4');
        const otherAddress = { ...proof, address: otherWallet.address.toRawString() };
        expect(verifyTonProof(otherPayload, policy())).toMatchObject({ ok: false, code: 'BAD_SIGNATURE' });
        expect(verifyTonProof(otherTime, policy())).toMatchObject({ ok: false, code: 'BAD_SIGNATURE' });
        expect(verifyTonProof(otherAddress, policy())).toMatchObject({ ok: false, code: 'ADDRESS_MISMATCH' });
    });

    it('a mnemonic with a typo is refused rather than becoming another wallet', async () => {
        const words = await mnemonicNew(24);
        words[3] = words[3].slice(0, -1) + 'q';
        await expect(walletFromMnemonic(words, 'v4', 'testnet')).rejects.toThrow(/not a valid 24-word TON mnemonic/);
        await expect(walletFromMnemonic(words.slice(1), 'v4', 'testnet')).rejects.toThrow(/got 23 words/);
    });
});
