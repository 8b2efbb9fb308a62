// Payout intents for the authenticated executor of a valid result.
import { Type } from '@sinclair/typebox';
import { FastifyInstance } from 'fastify';
import { HttpError } from '../http/errors';
import { parseAddressField, parseTaskIdField } from '../http/parse';
import { payoutIntent } from '../payments/payoutIntent';
import { ServiceContext } from '../service/context';
import { requireSessions, RouteGuards, sessionOf } from './guards';

const IntentBody = Type.Object(
    { task_id: Type.String({ maxLength: 20 }), executor_address: Type.String({ maxLength: 80 }) },
    { additionalProperties: false },
);

const TonConnectMessage = Type.Object({ address: Type.String(), amount: Type.String(), payload: Type.Optional(Type.String()) });
/** Declared so fastify serialises the answer with its compiled serialiser, and never leaks an undeclared field. */
const IntentResponse = Type.Object({
    task_id: Type.String(),
    to_address: Type.String(),
    amount: Type.String(),
    payload_comment: Type.String(),
    payload: Type.String(),
    gross_amount: Type.String(),
    executor_reward: Type.String(),
    platform_fee: Type.String(),
    valid_until: Type.Integer(),
    transaction: Type.Object({
        validUntil: Type.Integer(),
        network: Type.Optional(Type.String()),
        messages: Type.Array(TonConnectMessage),
    }),
});

export async function paymentRoutes(app: FastifyInstance, opts: { ctx: ServiceContext; guards: RouteGuards }): Promise<void> {
    const { ctx, guards } = opts;
    requireSessions(app, guards);

    app.post('/api/v1/payments/payout-intent', { schema: { body: IntentBody, response: { 200: IntentResponse } } }, async (request) => {
        const session = sessionOf(request);
        const body = request.body as { task_id: string; executor_address: string };
        const taskId = parseTaskIdField(body.task_id);
        const executor = parseAddressField(body.executor_address, 'executor_address');
        if (!executor.equals(session.wallet)) {
            throw new HttpError(403, 'NOT_YOUR_WALLET', 'intents are issued only to the wallet of the session');
        }
        const intent = await payoutIntent(ctx, taskId, executor);
        return {
            task_id: intent.taskId,
            // The transaction already spells the escrow's address as wallets want it.
            to_address: intent.transaction.messages[0].address,
            amount: intent.attach.toString(),
            payload_comment: intent.payloadComment,
            payload: intent.payload,
            gross_amount: intent.amount.toString(),
            executor_reward: intent.executorReward.toString(),
            platform_fee: intent.platformFee.toString(),
            valid_until: intent.validUntil,
            transaction: intent.transaction,
        };
    });
}
