// One definition of the wire: the service and the worker take the protocol from protocol/, and keep no copy of
// their own. protocol/ itself stays importable by a browser page: no Node modules, nothing from the service or the
// worker.
import { readdirSync, readFileSync } from 'fs';
import { join, relative } from 'path';
import { Kind } from '@sinclair/typebox';
import * as protocol from '../../protocol';

const ROOT = join(__dirname, '..', '..');

function sourcesUnder(dir: string): string[] {
    return readdirSync(join(ROOT, dir), { withFileTypes: true, recursive: true })
        .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
        .map((entry) => relative(ROOT, join(entry.parentPath, entry.name)));
}

const USERS = ['backend', 'worker', 'demo'].flatMap(sourcesUnder);

/** Files among `files` whose text matches `pattern`. */
function matching(files: string[], pattern: RegExp): string[] {
    return files.filter((file) => pattern.test(readFileSync(join(ROOT, file), 'utf8')));
}

describe('protocol boundary', () => {
    it('the service and the worker keep no file of wire types of their own', () => {
        expect(USERS.filter((file) => /\/(apiTypes|hubFrames|frames|schemas)\.ts$/.test(file))).toEqual([]);
    });

    it('no frame or message type is declared outside protocol/', () => {
        // The worker's own event stream reuses a few frame names (offer, claimed, trust); these are the wire's alone.
        expect(matching(USERS, /\{\s*type:\s*'(welcome|result_accepted|result_rejected|replayed|payout_ready|payout_paid)'\s*;/)).toEqual([]);
        const schemaNames = Object.entries(protocol)
            .filter(([, value]) => typeof value === 'object' && value !== null && Kind in value)
            .map(([name]) => name);
        expect(schemaNames).toEqual(expect.arrayContaining(['TaskView', 'ServerFrame', 'ClientFrame', 'ResultReceipt', 'ErrorBody']));
        const redeclared = new RegExp(`\\b(interface|type|const|class)\\s+(${schemaNames.join('|')})\\b`);
        // createTask's CreatedTask is the use case's result (the task record and its funding), not the answer.
        expect(matching(USERS, redeclared)).toEqual(['backend/src/tasks/createTask.ts']);
        expect(matching(sourcesUnder('backend/src/routes'), /Type\.(Object|String|Union|Literal)\(/)).toEqual([]);
    });

    it('the ton_proof message and the close codes are built and numbered in protocol/ only', () => {
        expect(matching(USERS, /ton-proof-item-v2/)).toEqual([]);
        expect(matching(USERS, /\b400[12]\b/)).toEqual([]);
    });

    it('protocol/ imports no Node module and nothing from the service or the worker', () => {
        const imports = sourcesUnder('protocol').flatMap((file) =>
            [...readFileSync(join(ROOT, file), 'utf8').matchAll(/from '([^']+)'/g)].map((m) => m[1]),
        );
        const allowed = /^(\.\/[A-Za-z]+|@sinclair\/typebox(\/compiler)?|@ton\/core|\.\.\/wrappers\/claimConstants)$/;
        expect(imports.filter((source) => !allowed.test(source))).toEqual([]);
    });

    it('the one wrappers file it takes, the claim constants, imports nothing (so nothing Node-only reaches a browser)', () => {
        const source = readFileSync(join(__dirname, '../../wrappers/claimConstants.ts'), 'utf8');
        expect(source).not.toMatch(/\bimport\b|\brequire\(/);
    });
});
