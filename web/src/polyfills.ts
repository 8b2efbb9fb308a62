// @ton/core uses Node's Buffer; in the page the `buffer` package stands in for it. Imported first by main.tsx so
// it is in place before any module that parses an address runs.
import { Buffer } from 'buffer';

const scope = globalThis as typeof globalThis & { Buffer?: typeof Buffer };
scope.Buffer ??= Buffer;
