// Payout intents for the authenticated executor of a valid result.
import { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { FastifyInstance } from 'fastify';
import { PayoutIntent, PayoutIntentRequest } from '../../../protocol';
import { parseAddressField, parseTaskIdField } from '../http/parse';
import { payoutIntent } from '../payments/payoutIntent';
import { ServiceContext } from '../service/context';
import { requireSessions, RouteGuards, sessionOf } from './guards';

export async function paymentRoutes(plugin: FastifyInstance, opts: { ctx: ServiceContext; guards: RouteGuards }): Promise<void> {
    const { ctx, guards } = opts;
    requireSessions(plugin, guards);
    const app = plugin.withTypeProvider<TypeBoxTypeProvider>();

    // The declared answer is what fastify serialises, with its compiled serialiser: no undeclared field leaks.
    app.post(
        '/api/v1/payments/payout-intent',
        { schema: { body: PayoutIntentRequest, response: { 200: PayoutIntent } } },
        async (request) => {
            const session = sessionOf(request);
            const taskId = parseTaskIdField(request.body.task_id);
            const executor = parseAddressField(request.body.executor_address, 'executor_address');
            const intent = await payoutIntent(ctx, taskId, executor, session.wallet);
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
        },
    );
}
