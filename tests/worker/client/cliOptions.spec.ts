// The worker CLI's --claims flag: auto unless told, off when asked, and any other value refused with one line.
import { parseCliOptions, USAGE, UsageError } from '../../../worker/src/client/cliOptions';

const BASE = ['--service', 'http://localhost:8080', '--mnemonic', Array(24).fill('word').join(' ')];

/** The UsageError parsing `argv` raises. */
function refusal(argv: string[]): UsageError {
    try {
        parseCliOptions(argv);
    } catch (error) {
        if (error instanceof UsageError) return error;
        throw error;
    }
    throw new Error(`${argv.join(' ')} was accepted`);
}

describe('worker CLI options: --claims', () => {
    it('claims automatically unless told otherwise, and leaves the claims by hand with off', () => {
        expect(parseCliOptions(BASE)).toMatchObject({ claims: 'auto' });
        expect(parseCliOptions([...BASE, '--claims', 'off'])).toMatchObject({ claims: 'off' });
        expect(parseCliOptions([...BASE, '--claims', 'auto'])).toMatchObject({ claims: 'auto' });
    });

    it.each(['manual', 'OFF', '', 'no'])('refuses --claims %j with one line', (value) => {
        expect(refusal([...BASE, '--claims', value]).message).toBe(`--claims must be one of auto, off, not ${JSON.stringify(value)}`);
    });

    it('refuses --claims without a value', () => {
        expect(refusal([...BASE, '--claims']).message).not.toContain('\n');
    });

    it('documents --claims in its usage', () => {
        expect(USAGE).toMatch(/--claims auto\|off +auto: claim each reward from the wallet \(default\)\. off: only submit/);
    });
});
