// What "conforms to the protocol" means in these tests: the schema accepts the value, and the value carries no field
// the schema does not declare (so a field added on one side only is caught, whichever side it is).
import { TSchema } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';

export function expectConforms(schema: TSchema, value: unknown): void {
    const errors = [...Value.Errors(schema, value)].map((e) => `${e.path || '/'}: ${e.message}`);
    expect({ value, errors }).toEqual({ value, errors: [] });
    expect(Value.Clean(schema, Value.Clone(value))).toEqual(value);
}
