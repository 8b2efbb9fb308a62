// Tasks: create (with the funding transaction), read, confirm the escrow, claim a slot, submit a result.
import { Type } from '@sinclair/typebox';
import { FastifyInstance } from 'fastify';
import { HttpError } from '../http/errors';
import { parseTaskIdField } from '../http/parse';
import { ServiceContext } from '../service/context';
import { claimSlot } from '../tasks/assignments';
import { offersFor } from '../tasks/offers';
import { confirmEscrow } from '../tasks/confirmEscrow';
import { createTask } from '../tasks/createTask';
import { requireTask, tasksOfRequester } from '../tasks/taskRecord';
import { taskView } from '../tasks/taskView';
import { MAX_REDUNDANCY, MAX_SLOT_TIMEOUT_SECONDS, MIN_SLOT_TIMEOUT_SECONDS } from '../tasks/taskRules';
import { submitResult } from '../tasks/submitResult';
import { requireSessions, RouteGuards, sessionOf } from './guards';
import { Capability, DeviceId, Nanotons, Sha256Hex, TaskIdParams } from './schemas';

const CreateBody = Type.Object(
    {
        operation: Capability,
        input: Type.Unknown(),
        module_sha256: Type.Optional(Sha256Hex),
        budget: Nanotons,
        redundancy: Type.Integer({ minimum: 1, maximum: MAX_REDUNDANCY }),
        min_trust_score: Type.Optional(Type.Number({ minimum: 0, maximum: 1 })),
        deadline: Type.Integer({ minimum: 0, maximum: 4_294_967_295 }),
        slot_timeout_seconds: Type.Optional(Type.Integer({ minimum: MIN_SLOT_TIMEOUT_SECONDS, maximum: MAX_SLOT_TIMEOUT_SECONDS })),
    },
    { additionalProperties: false, required: ['operation', 'input', 'budget', 'redundancy', 'deadline'] },
);
const DeviceBody = Type.Object({ device_id: DeviceId }, { additionalProperties: false });
const ResultBody = Type.Object({ device_id: DeviceId, output: Type.Unknown() }, { additionalProperties: false, required: ['device_id', 'output'] });
const OffersQuery = Type.Object(
    { device_id: DeviceId, limit: Type.Optional(Type.String({ pattern: '^[1-9][0-9]{0,2}$' })) },
    { additionalProperties: false },
);
const ListQuery = Type.Object({ limit: Type.Optional(Type.String({ pattern: '^[1-9][0-9]{0,2}$' })) }, { additionalProperties: false });


function taskIdOf(params: unknown): string {
    return parseTaskIdField((params as { id: string }).id);
}

export async function taskRoutes(app: FastifyInstance, opts: { ctx: ServiceContext; guards: RouteGuards }): Promise<void> {
    const { ctx, guards } = opts;
    requireSessions(app, guards);

    app.post('/api/v1/tasks', { schema: { body: CreateBody } }, async (request, reply) => {
        const session = sessionOf(request);
        const body = request.body as {
            operation: string;
            input: unknown;
            module_sha256?: string;
            budget: string;
            redundancy: number;
            min_trust_score?: number;
            deadline: number;
            slot_timeout_seconds?: number;
        };
        if (body.input === undefined) throw new HttpError(400, 'BAD_INPUT', 'input is required');
        const { task, funding } = await createTask(ctx, session.wallet, {
            operation: body.operation,
            input: body.input,
            moduleSha256: body.module_sha256,
            budget: BigInt(body.budget),
            redundancy: body.redundancy,
            // Unnamed, it is the service's default, above a fresh identity's score (docs/service-domain.md).
            minTrustScore: body.min_trust_score ?? ctx.sybil.defaultMinTrustScore,
            deadline: body.deadline,
            slotTimeoutSeconds: body.slot_timeout_seconds,
        });
        return reply.status(201).send({ ...taskView(ctx, task), funding_transaction: funding });
    });

    app.get('/api/v1/tasks', { schema: { querystring: ListQuery } }, async (request) => {
        const session = sessionOf(request);
        const limit = Number((request.query as { limit?: string }).limit ?? 50);
        return { tasks: tasksOfRequester(ctx.db, session.wallet, limit).map((t) => taskView(ctx, t)) };
    });

    app.get('/api/v1/offers', { schema: { querystring: OffersQuery } }, async (request) => {
        const session = sessionOf(request);
        const query = request.query as { device_id: string; limit?: string };
        const offers = await offersFor(ctx, query.device_id, session.wallet, Number(query.limit ?? 50));
        return { offers: offers.map((t) => taskView(ctx, t)) };
    });

    app.get('/api/v1/tasks/:id', { schema: { params: TaskIdParams } }, async (request) => {
        const task = requireTask(ctx.db, taskIdOf(request.params));
        // Until its escrow is funded, only the requester sees a task: whoever learned the id could fund the
        // escrow first with other terms and block it.
        const wallet = sessionOf(request).wallet.toRawString();
        if (task.status === 'awaiting_escrow' && task.requester !== wallet) {
            throw new HttpError(404, 'TASK_NOT_FOUND', `no task ${task.id}`);
        }
        // A spot check exists only for the wallet it was issued to.
        if (task.spotCheckWallet !== null && task.spotCheckWallet !== wallet) {
            throw new HttpError(404, 'TASK_NOT_FOUND', `no task ${task.id}`);
        }
        return taskView(ctx, task);
    });

    app.post('/api/v1/tasks/:id/confirm-escrow', { schema: { params: TaskIdParams } }, async (request) => {
        const session = sessionOf(request);
        return taskView(ctx, await confirmEscrow(ctx, taskIdOf(request.params), session.wallet.toRawString()));
    });

    app.post('/api/v1/tasks/:id/claim', { schema: { params: TaskIdParams, body: DeviceBody } }, async (request) => {
        const session = sessionOf(request);
        const { device_id } = request.body as { device_id: string };
        const { task, assignment } = claimSlot(ctx, taskIdOf(request.params), device_id, session.wallet);
        return { ...taskView(ctx, task), device_id, slot_expires_at_ms: assignment.expiresAtMs };
    });

    app.post('/api/v1/tasks/:id/results', { config: { rateLimit: guards.submissions }, schema: { params: TaskIdParams, body: ResultBody } }, async (request) => {
        const session = sessionOf(request);
        const body = request.body as { device_id: string; output: unknown };
        if (body.output === undefined) throw new HttpError(400, 'BAD_RESULT', 'output is required');
        const taskId = taskIdOf(request.params);
        const receipt = await submitResult(ctx, taskId, body.device_id, session.wallet, body.output);
        return {
            task_id: receipt.taskId,
            device_id: receipt.deviceId,
            result_hash: receipt.resultHash,
            verdict: receipt.verdict,
            late: receipt.late,
            task_status: receipt.taskStatus,
            payout_ready: receipt.payoutReady,
        };
    });
}
