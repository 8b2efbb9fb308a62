// POST /devnet/faucet { address, amount }: coins for a local wallet, answered with the transaction that credited
// them. Errors in the service's shape, { error: { code, message } }.
import { Type } from '@sinclair/typebox';
import { Address } from '@ton/core';
import { FastifyError, FastifyInstance } from 'fastify';
import { Faucet, FaucetRefusal, MAX_FAUCET_GRANT } from './faucet';
import { errorBody, ErrorResponse, FaucetHttpError } from './faucetErrors';
import { typeboxValidator } from './typeboxValidator';

const FaucetRequest = Type.Object(
    {
        address: Type.String({ maxLength: 100, description: 'the wallet to fund, friendly or raw' }),
        amount: Type.String({ pattern: '^[1-9][0-9]{0,20}$', description: `nanotons, decimal, at most ${MAX_FAUCET_GRANT}` }),
    },
    { additionalProperties: false },
);

const FaucetResponse = Type.Object({
    address: Type.String(),
    amount: Type.String(),
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
            const body = request.body as { address: string; amount: string };
            const to = recipientOf(body.address);
            const amount = BigInt(body.amount);
            try {
                const grant = await faucet.fund(to, amount);
                await persist?.();
                return { address: body.address, amount: body.amount, lt: grant.lt.toString(), hash: grant.hash.toString('hex') };
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
