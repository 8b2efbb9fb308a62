// PUBLIC_URL: where users reach the web app. It names the TonConnect manifest's url, and its host is the proof
// domain accepted unless TON_PROOF_DOMAINS says otherwise.
import { ConfigError, loadConfig } from '../../../backend/src/config';

describe('PUBLIC_URL', () => {
    it('defaults to localhost on the service port, whose host is the default proof domain', () => {
        const config = loadConfig({ PORT: '9090' });
        expect(config.publicUrl).toBe('http://localhost:9090');
        expect(config.tonProofDomains).toEqual(['localhost:9090']);
    });

    it("gives the proof domain its host when TON_PROOF_DOMAINS is unset, and loses a trailing slash", () => {
        const config = loadConfig({ PUBLIC_URL: 'https://gstd.example.org/' });
        expect(config.publicUrl).toBe('https://gstd.example.org');
        expect(config.tonProofDomains).toEqual(['gstd.example.org']);
    });

    it('leaves explicit TON_PROOF_DOMAINS alone', () => {
        const config = loadConfig({ PUBLIC_URL: 'https://gstd.example.org', TON_PROOF_DOMAINS: 'a.example,b.example:8443' });
        expect(config.tonProofDomains).toEqual(['a.example', 'b.example:8443']);
    });

    it.each(['gstd.example.org', 'ftp://gstd.example.org', 'https://gstd.example.org/app', 'https://gstd.example.org/?x=1'])(
        'refuses %s, naming the variable',
        (raw) => {
            expect(() => loadConfig({ PUBLIC_URL: raw })).toThrow(ConfigError);
            expect(() => loadConfig({ PUBLIC_URL: raw })).toThrow(/PUBLIC_URL must be an http\(s\) origin/);
        },
    );
});
