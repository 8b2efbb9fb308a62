// GET /devnet/info: what a launcher or a test needs to use this devnet: the EscrowMaster it deployed and with which
// settings, the global id intents are signed for, and the faucet.
import { Static, Type } from '@sinclair/typebox';
import { FastifyInstance } from 'fastify';

export const DevnetInfoBody = Type.Object({
    /** The EscrowMaster deployed for `backend_public_key`; the service's ESCROW_MASTER_ADDRESS. */
    master: Type.String(),
    owner: Type.String(),
    treasury: Type.String(),
    fee_bps: Type.Integer(),
    backend_public_key: Type.String({ description: 'hex, 32 bytes' }),
    /** The network global id (config parameter 19) that payout intents are signed for. */
    global_id: Type.Integer(),
    /** This chain's identity: the hash of its first transaction. A devnet restarted from its file keeps it; a fresh one has another. */
    genesis: Type.String({ description: 'hex' }),
    faucet: Type.Object({ address: Type.String(), max_grant: Type.String({ description: 'nanotons per request' }) }),
});

export type DevnetInfo = Static<typeof DevnetInfoBody>;

export async function infoRoute(app: FastifyInstance, opts: { info: DevnetInfo }) {
    app.get('/devnet/info', { schema: { response: { 200: DevnetInfoBody } } }, async () => opts.info);
}
