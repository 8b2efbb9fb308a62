// What a user sees when a script fails for a reason outside the chain's rules: a mistake on the command line, an
// endpoint that is down or answers an error, a mistyped mnemonic. Each is one line, as Blueprint prints it
// (console.error, through util.inspect); only a bug keeps its stack.
import { createServer, Server } from 'http';
import { AddressInfo } from 'net';
import { inspect } from 'util';
import { Address } from '@ton/core';
import { mnemonicNew, mnemonicWordList } from '@ton/crypto';
import * as fundTask from '../../scripts/fundTask';
import * as setFee from '../../scripts/setFee';
import { mnemonicProblem } from '../../scriptSupport/mnemonicCheck';
import { EndpointError, runScript } from '../../scriptSupport/runScript';
import { PreflightRefusal } from '../../scriptSupport/scriptError';
import { UsageError } from '../../scriptSupport/usage';
import { blueprintOverDevnet } from '../devnet/blueprintProvider';
import { scriptFixture } from './scriptFixture';

const someMaster = new Address(0, Buffer.alloc(32, 1)).toString();

async function failureOf(run: Promise<unknown>): Promise<Error> {
    const error = await run.then(
        () => null,
        (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(Error);
    return error as Error;
}

function expectOneLine(error: Error, line: RegExp) {
    const printed = inspect(error);
    expect(printed).not.toContain('\n');
    expect(printed).toMatch(line);
}

describe('A usage error', () => {
    it('prints as one line with the usage, not a stack', async () => {
        const error = await failureOf(setFee.run({} as never, [someMaster]));
        expect(error).toBeInstanceOf(UsageError);
        expectOneLine(error, /^error: expected 2 argument\(s\) \(master, fee bps\), got 1; usage: setFee <master address> <fee bps, 0\.\.2000>$/);
    });
});

describe('An endpoint that fails', () => {
    let server: Server | undefined;
    afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

    async function providerAt(endpoint: string) {
        return (await blueprintOverDevnet(endpoint, { mnemonic: await mnemonicNew(), version: 'v4r2' })).provider;
    }

    it('that cannot be reached is named in one line', async () => {
        const endpoint = 'http://127.0.0.1:1/api/v2/jsonRPC';
        const error = await failureOf(setFee.run(await providerAt(endpoint), [someMaster, '100']));
        expect(error).toBeInstanceOf(EndpointError);
        expectOneLine(error, /^error: cannot reach http:\/\/127\.0\.0\.1:1\/api\/v2\/jsonRPC: ECONNREFUSED; check the --custom endpoint/);
    });

    it('that answers an HTTP error is quoted in one line', async () => {
        server = createServer((_request, response) => {
            response.writeHead(500, { 'content-type': 'application/json' });
            response.end(JSON.stringify({ ok: false, error: 'LITE_SERVER_UNKNOWN: cannot load block', code: 500 }));
        });
        await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
        const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v2/jsonRPC`;

        const error = await failureOf(fundTask.run(await providerAt(endpoint), [someMaster, '1', '1', '1', '1999999999']));
        expect(error).toBeInstanceOf(EndpointError);
        expectOneLine(error, new RegExp(`^error: ${endpoint} answered HTTP 500: LITE_SERVER_UNKNOWN: cannot load block$`));
    });

    it('is told apart from a bug, which keeps its stack', async () => {
        const bug = await failureOf(runScript(async () => (undefined as unknown as string).toString())({} as never, []));
        expect(bug).toBeInstanceOf(TypeError);
        expect(inspect(bug)).toContain('\n    at ');
    });
});

describe('A mistyped mnemonic', () => {
    const valid = mnemonicNew();

    it('is named by what is wrong with it: the count, an unknown word, or words that are no mnemonic', async () => {
        const words = await valid;
        expect(await mnemonicProblem(words.join(' '))).toBeNull();
        expect(await mnemonicProblem(words.slice(1).join(' '))).toBe('it has 23 words, not 24');
        const typo = [...words];
        typo[6] = 'abandn';
        expect(await mnemonicProblem(typo.join(' '))).toBe('word 7, "abandn", is not in the TON word list');
        // Another word from the list in one place gives a valid-looking phrase that is no mnemonic, almost always.
        let swapped: string | null = null;
        for (const word of mnemonicWordList) {
            const candidate = [...words.slice(0, 23), word].join(' ');
            if (word !== words[23] && (await mnemonicProblem(candidate)) !== null) {
                swapped = candidate;
                break;
            }
        }
        expect(await mnemonicProblem(swapped!)).toMatch(/not a valid TON mnemonic/);
    });

    it("opens an empty wallet, and the refusal names the bad word in WALLET_MNEMONIC", async () => {
        const s = await scriptFixture();
        const saved = process.env.WALLET_MNEMONIC;
        const words = await valid;
        process.env.WALLET_MNEMONIC = [...words.slice(0, 3), 'walet', ...words.slice(4)].join(' ');
        try {
            const nobody = await s.f.blockchain.treasury('nobody', { predeploy: false, resetBalanceIfZero: false });
            const error = await failureOf(setFee.run(s.as(nobody), [s.master, '100']));
            expect(error).toBeInstanceOf(PreflightRefusal);
            expectOneLine(
                error,
                /^error: the sending wallet .* does not exist on this network \(no balance\): WALLET_MNEMONIC is mistyped \(word 4, "walet", is not in the TON word list\); nothing was sent$/,
            );
        } finally {
            if (saved === undefined) delete process.env.WALLET_MNEMONIC;
            else process.env.WALLET_MNEMONIC = saved;
            s.cleanup();
        }
    });
});
