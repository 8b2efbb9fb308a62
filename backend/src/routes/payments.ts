// Payout intents for the authenticated executor of a valid result, and the list of its rewards.
import { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { FastifyInstance } from 'fastify';
import { PayoutIntent, PayoutIntentRequest, PayoutList, PayoutListQuery } from '../../../protocol';
import { friendlyContractAddress } from '../../../wrappers/tonConnect';
import { parseAddressField, parseTaskIdField } from '../http/parse';
import { payoutIntent } from '../payments/payoutIntent';
import { payoutsOf } from '../payments/payoutList';
import { ServiceContext } from '../service/context';
import { requireSessions, RouteGuards, sessionOf } from './guards';

/** Rewards a list answers when the query names no limit. */
const DEFAULT_PAYOUT_LIMIT = 100;

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

    app.get('/api/v1/payouts', { schema: { querystring: PayoutListQuery, response: { 200: PayoutList } } }, async (request) => {
        const session = sessionOf(request);
        const { limit, cursor } = request.query;
        const page = await payoutsOf(ctx, session.wallet, Number(limit ?? DEFAULT_PAYOUT_LIMIT), cursor);
        return {
            next_cursor: page.nextCursor,
            payouts: page.items.map((p) => ({
                task_id: p.taskId,
                operation: p.operation,
                escrow_address: friendlyContractAddress(p.escrow, ctx.chain.globalId),
                gross_amount: p.grossAmount.toString(),
                executor_reward: p.executorReward.toString(),
                platform_fee: p.platformFee.toString(),
                deadline: p.deadline,
                intent_valid_until: p.intentValidUntil,
                paid: p.paid && { amount: p.paid.amount.toString(), tx_hash: p.paid.txHash },
            })),
        };
    });
}
