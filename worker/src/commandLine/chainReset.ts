// Telling a chain that was reset from money that was lost. A local devnet restarted from scratch while the worker
// ran hands back a new chain on which its wallet is fresh: the balance before and after are on different chains,
// and their difference (often the faucet's whole grant) is no loss. Seen from /devnet/info's genesis when the
// endpoint is a devnet, or from the wallet's seqno going backwards on any chain.
import { TonClient } from '@ton/ton';
import { WorkerWallet } from '../../../client/wallet';

export interface ChainMark {
    /** The devnet's genesis; null on other endpoints. */
    genesis: string | null;
    /** The wallet's seqno; null when it could not be read. */
    seqno: number | null;
}

export async function readChainMark(endpoint: string, apiKey: string | undefined, wallet: WorkerWallet): Promise<ChainMark> {
    const genesis = await fetch(`${new URL(endpoint).origin}/devnet/info`).then(
        async (r) => (r.ok ? ((await r.json()) as { genesis?: string }).genesis ?? null : null),
        () => null,
    );
    const client = new TonClient({ endpoint, apiKey });
    const seqno = await client
        .open(wallet.contract)
        .getSeqno()
        .catch(() => null);
    return { genesis, seqno };
}

/** Why the chain at the end is not the chain at the start, or undefined when nothing says so. */
export function chainResetReason(start: ChainMark, end: ChainMark): string | undefined {
    if (start.genesis !== null && end.genesis !== null && start.genesis !== end.genesis) {
        return 'the devnet was restarted from scratch (its genesis changed)';
    }
    if (start.seqno !== null && end.seqno !== null && end.seqno < start.seqno) {
        return `the wallet's seqno went back from ${start.seqno} to ${end.seqno}`;
    }
    return undefined;
}
