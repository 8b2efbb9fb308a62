// WebAssembly modules: POST /api/v1/modules uploads one (base64 in JSON); GET /api/v1/modules/:sha256 answers its
// bytes as application/wasm, which a worker checks against the hash before running them.
import { Static, Type } from '@sinclair/typebox';
import { Sha256Hex } from './fields';
import { MAX_MODULE_BASE64_CHARS } from './limits';

export const ModuleUpload = Type.Object(
    { wasm_base64: Type.String({ minLength: 12, maxLength: MAX_MODULE_BASE64_CHARS, pattern: '^[A-Za-z0-9+/]+={0,2}$' }) },
    { additionalProperties: false },
);
export type ModuleUpload = Static<typeof ModuleUpload>;

export const StoredModule = Type.Object({ sha256: Type.String(), size: Type.Integer() });
export type StoredModule = Static<typeof StoredModule>;

export const ModuleParams = Type.Object({ sha256: Sha256Hex }, { additionalProperties: false });
export type ModuleParams = Static<typeof ModuleParams>;
