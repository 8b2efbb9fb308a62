// Route schemas checked by TypeBox itself rather than by the host app's ajv, so the devnet's routes refuse unknown
// fields and wrong types whatever ajv options the app they join was built with (fastify's defaults strip unknown
// fields and coerce types instead).
import { TSchema } from '@sinclair/typebox';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import { FastifySchemaCompiler } from 'fastify';

export const typeboxValidator: FastifySchemaCompiler<TSchema> = ({ schema, httpPart }) => {
    const check = TypeCompiler.Compile(schema);
    return (value) => {
        if (check.Check(value)) return { value };
        const first = check.Errors(value).First();
        const where = `${httpPart ?? 'request'}${first?.path ?? ''}`;
        // fastify marks an Error returned here as a validation failure (code FST_ERR_VALIDATION, status 400).
        return { error: new Error(`${where}: ${first?.message ?? 'does not match its schema'}`) };
    };
};
