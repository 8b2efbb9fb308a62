// Reading one JSON text frame against a compiled schema: the frame, or why it is not one.
import { TSchema, Static } from '@sinclair/typebox';
import { TypeCheck } from '@sinclair/typebox/compiler';

export type ParsedFrame<F> = { ok: true; frame: F } | { ok: false; message: string };

export function parseJsonFrame<T extends TSchema>(check: TypeCheck<T>, text: string): ParsedFrame<Static<T>> {
    let value: unknown;
    try {
        value = JSON.parse(text);
    } catch {
        return { ok: false, message: 'a frame must be JSON' };
    }
    if (check.Check(value)) return { ok: true, frame: value };
    const first = check.Errors(value).First();
    return { ok: false, message: first ? `${first.path || 'frame'}: ${first.message}` : 'not a known frame' };
}
