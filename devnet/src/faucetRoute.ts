// POST /devnet/faucet { address, amount_ton } or { address, amount }: coins for a local wallet, answered with the
// transaction that credited them. The unit is in the field's name: `amount_ton` in TON ("2.5"), `amount` in nanotons.
// Errors in the service's shape, { error: { code, message } }.
import { Type } from '@sinclair/typebox';
import { Address, fromNano, toNano } from '@ton/core';
import { FastifyError, FastifyInstance } from 'fastify';
import { Faucet, FaucetRefusal, MAX_FAUCET_GRANT } from './faucet';
import { errorBody, ErrorResponse, FaucetHttpError } from './faucetErrors';
import { typeboxValidator } from './typeboxValidator';

const Recipient = Type.String({ maxLength: 100, description: 'the wallet to fund, friendly or raw' });

const FaucetRequest = Type.Union([
    Type.Object(
        {
            address: Recipient,
            amount_ton: Type.String({ pattern: '^[0-9]{1,3}(\\.[0-9]{1,9})?$', description: `TON, decimal, at most ${fromNano(MAX_FAUCET_GRANT)}` }),
        },
        { additionalProperties: false },
    ),
    Type.Object(
        {
            address: Recipient,
            amount: Type.String({ pattern: '^[1-9][0-9]{0,20}$', description: `nanotons, decimal, at most ${MAX_FAUCET_GRANT}` }),
        },
        { additionalProperties: false },
    ),
]);

const FaucetResponse = Type.Object({
    address: Type.String(),
    /** What was sent, in nanotons and in TON, whichever unit was asked in. */
    amount: Type.String({ description: 'nanotons' }),
    amount_ton: Type.String({ description: 'TON' }),
    /** The recipient's transaction: pass both to getTransactions to read it. */
    lt: Type.String(),
    hash: Type.String({ description: 'hex' }),
});

export async function faucetRoutes(app: FastifyInstance, opts: { faucet: Faucet; persist?: () => Promise<void> }) {
    const { faucet, persist } = opts;
    app.setValidatorCompiler(typeboxValidator);
    app.setErrorHandler((err: FastifyError | FaucetHttpError, request, reply) => {
        if (err instanceof FaucetHttpError) return reply.status(err.statusCode).send(errorBody(err.code, err.message));
        if (err.code === 'FST_ERR_VALIDATION') return reply.status(400).send(errorBody('BAD_REQUEST', err.message));
        const status = err.statusCode && err.statusCode >= 400 && err.statusCode < 500 ? err.statusCode : 500;
        if (status < 500) return reply.status(status).send(errorBody(err.code ?? 'BAD_REQUEST', err.message));
        request.log.error({ err }, 'faucet failed');
        return reply.status(500).send(errorBody('INTERNAL', 'internal error'));
    });

    app.post(
        '/devnet/faucet',
        { schema: { body: FaucetRequest, response: { 200: FaucetResponse, '4xx': ErrorResponse, '5xx': ErrorResponse } } },
        async (request) => {
            const body = request.body as { address: string; amount?: string; amount_ton?: string };
            const to = recipientOf(body.address);
            const amount = body.amount_ton !== undefined ? toNano(body.amount_ton) : BigInt(body.amount!);
            try {
                const grant = await faucet.fund(to, amount);
                await persist?.();
                return {
                    address: body.address,
                    amount: amount.toString(),
                    amount_ton: fromNano(amount),
                    lt: grant.lt.toString(),
                    hash: grant.hash.toString('hex'),
                };
            } catch (err) {
                if (!(err instanceof FaucetRefusal)) throw err;
                throw new FaucetHttpError(err.reason === 'FAUCET_DRY' ? 503 : 400, err.reason, err.message);
            }
        },
    );
}

function recipientOf(address: string): Address {
    try {
        return Address.parse(address);
    } catch {
        throw new FaucetHttpError(400, 'BAD_ADDRESS', 'address is not a TON address');
    }
}
