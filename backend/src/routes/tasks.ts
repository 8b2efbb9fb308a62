// Tasks: create (with the funding transaction), read, confirm the escrow, claim a slot, submit a result; for the
// requester, what the task produced and the transaction that closes its escrow after the deadline.
import { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { FastifyInstance } from 'fastify';
import {
    ClaimedTask,
    CloseTransaction,
    EscrowState,
    ClaimRequest,
    CreatedTask,
    CreateTaskRequest,
    OfferList,
    OffersQuery,
    ResultReceipt,
    ResultRequest,
    TaskList,
    TaskListQuery,
    TaskResults,
    TaskParams,
    TaskView,
} from '../../../protocol';
import { HttpError } from '../http/errors';
import { parseTaskIdField } from '../http/parse';
import { ServiceContext } from '../service/context';
import { claimSlot } from '../tasks/assignments';
import { closeTransaction } from '../tasks/closeTransaction';
import { escrowOfTask } from '../tasks/escrowOfTask';
import { friendlyContractAddress } from '../../../wrappers/tonConnect';
import { offersFor } from '../tasks/offers';
import { confirmEscrow } from '../tasks/confirmEscrow';
import { createTask } from '../tasks/createTask';
import { tasksOfRequester } from '../tasks/taskRecord';
import { taskSeenBy } from '../tasks/taskSeenBy';
import { taskView } from '../tasks/taskView';
import { submitResult } from '../tasks/submitResult';
import { taskOutcome } from '../tasks/taskOutcome';
import { requireSessions, RouteGuards, sessionOf } from './guards';

/** Items a list answers when the query names no limit. */
const DEFAULT_LIST_LIMIT = 50;

export async function taskRoutes(plugin: FastifyInstance, opts: { ctx: ServiceContext; guards: RouteGuards }): Promise<void> {
    const { ctx, guards } = opts;
    requireSessions(plugin, guards);
    const app = plugin.withTypeProvider<TypeBoxTypeProvider>();

    app.post('/api/v1/tasks', { schema: { body: CreateTaskRequest, response: { 201: CreatedTask } } }, async (request, reply) => {
        const session = sessionOf(request);
        const body = request.body;
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

    app.get('/api/v1/tasks', { schema: { querystring: TaskListQuery, response: { 200: TaskList } } }, async (request) => {
        const session = sessionOf(request);
        const { limit, cursor } = request.query;
        const page = await tasksOfRequester(ctx.store, session.wallet, Number(limit ?? DEFAULT_LIST_LIMIT), cursor);
        return { tasks: page.items.map((t) => taskView(ctx, t)), next_cursor: page.nextCursor };
    });

    app.get('/api/v1/offers', { schema: { querystring: OffersQuery, response: { 200: OfferList } } }, async (request) => {
        const session = sessionOf(request);
        const { device_id, limit } = request.query;
        const offers = await offersFor(ctx, device_id, session.wallet, Number(limit ?? DEFAULT_LIST_LIMIT));
        return { offers: offers.map((t) => taskView(ctx, t)) };
    });

    app.get('/api/v1/tasks/:id', { schema: { params: TaskParams, response: { 200: TaskView } } }, async (request) => {
        const task = await taskSeenBy(ctx.store, parseTaskIdField(request.params.id), sessionOf(request).wallet);
        return taskView(ctx, task);
    });

    app.post('/api/v1/tasks/:id/confirm-escrow', { schema: { params: TaskParams, response: { 200: TaskView } } }, async (request) => {
        const session = sessionOf(request);
        return taskView(ctx, await confirmEscrow(ctx, parseTaskIdField(request.params.id), session.wallet.toRawString()));
    });

    app.get('/api/v1/tasks/:id/outcome', { schema: { params: TaskParams, response: { 200: TaskResults } } }, async (request) => {
        const outcome = await taskOutcome(ctx, parseTaskIdField(request.params.id), sessionOf(request).wallet);
        return {
            task_id: outcome.task.id,
            status: outcome.task.status,
            canonical_result_hash: outcome.task.canonicalHash,
            canonical_output: outcome.canonicalOutput === null ? null : JSON.parse(outcome.canonicalOutput),
            results: outcome.results.map((r) => ({
                wallet: r.wallet,
                verdict: r.verdict,
                late: r.late,
                paid: r.paid && { amount: r.paid.amount.toString(), tx_hash: r.paid.txHash },
            })),
        };
    });

    app.get('/api/v1/tasks/:id/escrow', { schema: { params: TaskParams, response: { 200: EscrowState } } }, async (request) => {
        const { task, escrow } = await escrowOfTask(ctx, parseTaskIdField(request.params.id), sessionOf(request).wallet);
        return {
            task_id: task.id,
            escrow_address: friendlyContractAddress(task.escrow, ctx.chain.globalId),
            deployed: escrow !== null,
            remaining: escrow ? escrow.remaining.toString() : null,
            fees_accrued: escrow ? escrow.feesAccrued.toString() : null,
        };
    });

    app.get(
        '/api/v1/tasks/:id/close-transaction',
        { schema: { params: TaskParams, response: { 200: CloseTransaction } } },
        async (request) => {
            const close = await closeTransaction(ctx, parseTaskIdField(request.params.id), sessionOf(request).wallet);
            return {
                task_id: close.taskId,
                escrow_address: close.transaction.messages[0].address,
                remaining: close.state.remaining.toString(),
                fees_accrued: close.state.feesAccrued.toString(),
                transaction: close.transaction,
            };
        },
    );

    app.post(
        '/api/v1/tasks/:id/claim',
        { schema: { params: TaskParams, body: ClaimRequest, response: { 200: ClaimedTask } } },
        async (request) => {
            const session = sessionOf(request);
            const { device_id } = request.body;
            const { task, assignment } = await claimSlot(ctx, parseTaskIdField(request.params.id), device_id, session.wallet);
            return { ...taskView(ctx, task), device_id, slot_expires_at_ms: assignment.expiresAtMs };
        },
    );

    app.post(
        '/api/v1/tasks/:id/results',
        { config: { rateLimit: guards.submissions }, schema: { params: TaskParams, body: ResultRequest, response: { 200: ResultReceipt } } },
        async (request) => {
            const session = sessionOf(request);
            const body = request.body;
            if (body.output === undefined) throw new HttpError(400, 'BAD_RESULT', 'output is required');
            const taskId = parseTaskIdField(request.params.id);
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
        },
    );
}
