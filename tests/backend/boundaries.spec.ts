// The service stands alone: nothing under backend/src imports the devnet, the Blueprint scripts and their support,
// the requester CLI, the launcher or @ton/sandbox (a development dependency only). It reaches every chain, the
// local devnet included, over toncenter.
import { readdirSync, readFileSync } from 'fs';
import { dirname, join, relative, resolve, sep } from 'path';

const REPO_ROOT = resolve(__dirname, '..', '..');
const SERVICE_ROOT = join(REPO_ROOT, 'backend', 'src');
const FORBIDDEN_PACKAGES = ['@ton/sandbox'];
const FORBIDDEN_FOLDERS = ['devnet', 'scripts', 'scriptSupport', 'start', 'requester'];

/** Every module specifier in `source`: static and dynamic imports, re-exports and requires. */
function specifiersOf(source: string): string[] {
    const pattern = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+|\brequire\s*\(\s*)['"]([^'"]+)['"]/g;
    return [...source.matchAll(pattern)].map((match) => match[1]);
}

/** Why importing `specifier` from `file` crosses the boundary, or null when it does not. */
function violation(file: string, specifier: string): string | null {
    if (FORBIDDEN_PACKAGES.some((name) => specifier === name || specifier.startsWith(`${name}/`))) return specifier;
    if (!specifier.startsWith('.')) return null;
    const target = relative(REPO_ROOT, resolve(dirname(file), specifier));
    const top = target.split(sep)[0];
    return FORBIDDEN_FOLDERS.includes(top) ? `${specifier} (${target})` : null;
}

function typeScriptFiles(dir: string): string[] {
    return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) return typeScriptFiles(path);
        return entry.name.endsWith('.ts') ? [path] : [];
    });
}

describe('the service boundary', () => {
    it('finds every kind of import it checks', () => {
        const source = [
            "import { Blockchain } from '@ton/sandbox';",
            "import type { X } from '../../devnet/src/x';",
            "export { y } from './y';",
            "const z = require('../scripts/z');",
            "const w = await import('@ton/sandbox/dist/w');",
            "import './side-effect';",
        ].join('\n');
        expect(specifiersOf(source)).toEqual(['@ton/sandbox', '../../devnet/src/x', './y', '../scripts/z', '@ton/sandbox/dist/w', './side-effect']);
        const inChain = join(SERVICE_ROOT, 'chain', 'any.ts');
        expect(violation(inChain, '../../../devnet/src/devnet')).toMatch(/devnet/);
        expect(violation(inChain, '../../../scripts/deployEscrowMaster')).toMatch(/scripts/);
        expect(violation(inChain, '@ton/sandbox')).toBe('@ton/sandbox');
        expect(violation(inChain, '../../../wrappers/claimEncoding')).toBeNull();
        expect(violation(inChain, './devnet')).toBeNull();
    });

    it('no file under backend/src imports @ton/sandbox, devnet/, scripts/, scriptSupport/, start/ or requester/', () => {
        const files = typeScriptFiles(SERVICE_ROOT);
        expect(files.length).toBeGreaterThan(50);
        const crossings = files.flatMap((file) =>
            specifiersOf(readFileSync(file, 'utf8')).flatMap((specifier) => {
                const why = violation(file, specifier);
                return why ? [`${relative(REPO_ROOT, file)} imports ${why}`] : [];
            }),
        );
        expect(crossings).toEqual([]);
    });
});
