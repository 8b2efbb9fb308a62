// The banner npm start prints: every address a user needs, and no devnet lines when the service runs on a real chain.
import { Address } from '@ton/core';
import { bannerText, ServiceFacts } from '../../start/banner';

const service: ServiceFacts = {
    serviceUrl: 'http://localhost:8080',
    publicUrl: 'https://gstd.example.org',
    webBuilt: true,
    master: 'EQmaster',
    backendPublicKey: 'ab'.repeat(32),
    globalId: -3,
};

describe('the npm start banner', () => {
    it('on a configured chain names the API, its docs, the web app, the master and the key, and nothing of a devnet', () => {
        const text = bannerText(service);
        for (const part of ['http://localhost:8080/api/v1', 'http://localhost:8080/docs', 'https://gstd.example.org/', 'EQmaster', 'ab'.repeat(32)]) {
            expect(text).toContain(part);
        }
        expect(text).not.toMatch(/Devnet|Faucet|owner|blueprint/i);
    });

    it('says how to build the web app when it is not built', () => {
        expect(bannerText({ ...service, webBuilt: false })).toMatch(/Web app\s+not built: run `npm run build:web`, then restart/);
    });

    it('for an owner given as an address, tells to sign with that wallet', () => {
        const owner = { source: 'MASTER_OWNER' as const, address: new Address(0, Buffer.alloc(32, 3)) };
        const text = bannerText(service, { url: 'http://127.0.0.1:8081', endpoint: 'http://127.0.0.1:8081/api/v2/jsonRPC', owner });
        expect(text).toContain(`Master owner  ${owner.address.toString({ bounceable: false })}  (MASTER_OWNER)`);
        expect(text).toContain('sign with the wallet at MASTER_OWNER');
        expect(text).toContain('WALLET_MNEMONIC="<its 24 words>" WALLET_VERSION=<v4|v5r1> npx blueprint run setFee --custom http://127.0.0.1:8081/api/v2/jsonRPC --custom-version v2 --custom-type custom --mnemonic EQmaster 300');
        expect(text).not.toContain('WALLET_MNEMONIC="$(cat');
    });
});
