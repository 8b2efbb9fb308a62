// The one error shape of every HTTP answer that is not 2xx. Codes are stable; docs/service.md lists them.
import { Static, Type } from '@sinclair/typebox';

export const ErrorBody = Type.Object({
    error: Type.Object({ code: Type.String(), message: Type.String() }),
});
export type ErrorBody = Static<typeof ErrorBody>;
