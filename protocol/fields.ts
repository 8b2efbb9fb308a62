// Field schemas the messages share. Money travels as decimal nanoton strings, ids as strings.
import { Type } from '@sinclair/typebox';

export const Nanotons = Type.String({ pattern: '^(0|[1-9][0-9]{0,18})$', description: 'nanotons, decimal' });
export const DeviceId = Type.String({ pattern: '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' });
export const Sha256Hex = Type.String({ pattern: '^[0-9a-f]{64}$' });
export const Capability = Type.String({ pattern: '^[a-z0-9][a-z0-9_.-]{0,63}$' });
/** A task id in a WebSocket frame: decimal without leading zeros, at most 19 digits. */
export const TaskId = Type.String({ pattern: '^(0|[1-9][0-9]{0,18})$' });
/**
 * A task id in a URL or an HTTP body: only its length is checked by schema, so a malformed one is answered with the
 * service's own BAD_TASK_ID rather than a schema error.
 */
export const LooseTaskId = Type.String({ maxLength: 20 });
/** How many items a list query asks for: 1–999, as the query string spells it. */
export const ListLimit = Type.String({ pattern: '^[1-9][0-9]{0,2}$' });
