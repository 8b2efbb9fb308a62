// Field schemas the routes share. Money travels as decimal nanoton strings; ids as strings.
import { Type } from '@sinclair/typebox';

export const Nanotons = Type.String({ pattern: '^(0|[1-9][0-9]{0,18})$', description: 'nanotons, decimal' });
export const DeviceId = Type.String({ pattern: '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' });
export const Sha256Hex = Type.String({ pattern: '^[0-9a-f]{64}$' });
export const TaskIdParams = Type.Object({ id: Type.String({ maxLength: 20 }) }, { additionalProperties: false });
export const Capability = Type.String({ pattern: '^[a-z0-9][a-z0-9_.-]{0,63}$' });
