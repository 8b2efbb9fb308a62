// Who owns the master `npm start` deploys: MASTER_OWNER, else the Blueprint wallet in WALLET_MNEMONIC (the same
// address Blueprint's --mnemonic signs from on the devnet), else a wallet generated once under the data dir.
import { mkdtempSync, readFileSync, rmSync, statSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { Address } from '@ton/core';
import { mnemonicNew } from '@ton/crypto';
import { MasterOwnerError, OWNER_MNEMONIC_FILE, resolveMasterOwner } from '../../start/masterOwner';
import { blueprintOverDevnet } from '../devnet/blueprintProvider';

describe('the master owner of npm start', () => {
    let dataDir: string;

    beforeEach(() => {
        dataDir = mkdtempSync(join(tmpdir(), 'gstd-owner-'));
    });

    afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

    it('generates a wallet once, keeps its mnemonic readable by the user alone, and finds it again', async () => {
        const first = await resolveMasterOwner({}, dataDir);
        const file = join(dataDir, OWNER_MNEMONIC_FILE);

        expect(first).toMatchObject({ source: 'generated', version: 'v4', mnemonicFile: file });
        expect(statSync(file).mode & 0o777).toBe(0o600);
        expect(readFileSync(file, 'utf8').trim().split(' ')).toHaveLength(24);
        const again = await resolveMasterOwner({}, dataDir);
        expect(again.address.equals(first.address)).toBe(true);
    });

    it('takes MASTER_OWNER as it is, and writes nothing', async () => {
        const address = new Address(0, Buffer.alloc(32, 7));
        const owner = await resolveMasterOwner({ MASTER_OWNER: address.toString(), WALLET_MNEMONIC: 'ignored' }, dataDir);
        expect(owner.source).toBe('MASTER_OWNER');
        expect(owner.address.equals(address)).toBe(true);
        expect(() => statSync(join(dataDir, OWNER_MNEMONIC_FILE))).toThrow();
    });

    it.each(['v4r2', 'v5r1'] as const)("derives the %s wallet Blueprint's --mnemonic sends from on the devnet", async (version) => {
        const mnemonic = await mnemonicNew();
        const owner = await resolveMasterOwner({ WALLET_MNEMONIC: mnemonic.join(' '), WALLET_VERSION: version }, dataDir);
        const { provider } = await blueprintOverDevnet('http://127.0.0.1:1/api/v2/jsonRPC', { mnemonic, version });
        expect(owner).toMatchObject({ source: 'WALLET_MNEMONIC', version });
        expect(owner.address.equals(provider.sender().address!)).toBe(true);
    });

    it.each<[string, NodeJS.ProcessEnv, RegExp]>([
        ['an address that does not parse', { MASTER_OWNER: 'EQnot-an-address' }, /MASTER_OWNER must be a TON address/],
        ['a masterchain address', { MASTER_OWNER: new Address(-1, Buffer.alloc(32, 1)).toString() }, /basechain/],
        ['a mnemonic without WALLET_VERSION', { WALLET_MNEMONIC: 'a b c' }, /WALLET_VERSION must be one of v3r2, v4, v4r2, v5r1/],
        ['a mnemonic that is not one', { WALLET_MNEMONIC: Array(24).fill('abandon').join(' '), WALLET_VERSION: 'v4' }, /not hold a valid 24-word/],
        ['a wallet id it cannot follow', { WALLET_MNEMONIC: 'a', WALLET_VERSION: 'v4', WALLET_ID: '7' }, /give the wallet's address as MASTER_OWNER/],
    ])('refuses %s in one line, and writes nothing', async (_, env, message) => {
        await expect(resolveMasterOwner(env, dataDir)).rejects.toThrow(MasterOwnerError);
        await expect(resolveMasterOwner(env, dataDir)).rejects.toThrow(message);
        expect(() => statSync(join(dataDir, OWNER_MNEMONIC_FILE))).toThrow();
    });
});
