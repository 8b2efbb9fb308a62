// GET /health (liveness: the process answers) and GET /ready (readiness: the store, the queue and the chain answer).
import { Static, Type } from '@sinclair/typebox';

export const Health = Type.Object({ status: Type.Literal('ok') });
export type Health = Static<typeof Health>;

/** What one dependency said: `up`, or `down` with why (a short reason; the cause is in the service's log). */
export const DependencyCheck = Type.Object({
    status: Type.Union([Type.Literal('up'), Type.Literal('down')]),
    reason: Type.Optional(Type.String()),
});
export type DependencyCheck = Static<typeof DependencyCheck>;

export const ReadinessChecks = Type.Object({ store: DependencyCheck, queue: DependencyCheck, chain: DependencyCheck });
export type ReadinessChecks = Static<typeof ReadinessChecks>;

/** 200: every dependency answered. */
export const Ready = Type.Object({ status: Type.Literal('ready'), checks: ReadinessChecks });
export type Ready = Static<typeof Ready>;

/** 503: at least one did not; also an error body (`NOT_READY`, naming the failing checks), like every other refusal. */
export const NotReady = Type.Object({
    status: Type.Literal('not_ready'),
    checks: ReadinessChecks,
    error: Type.Object({ code: Type.Literal('NOT_READY'), message: Type.String() }),
});
export type NotReady = Static<typeof NotReady>;
