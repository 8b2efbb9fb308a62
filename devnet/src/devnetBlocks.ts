// The sandbox has no blocks, but toncenter names one in several answers. The devnet names a stand-in masterchain
// block whose seqno counts the transactions run so far, so it grows as the chain does; its hashes are zero, since
// nothing was ever hashed into a block.
import { Blockchain } from '@ton/sandbox';

/** The sandbox advances logical time by this much per transaction. */
const LT_PER_TRANSACTION = 1_000_000n;
const ZERO_HASH = Buffer.alloc(32).toString('base64');
/** The masterchain's single shard, as toncenter spells it. */
const MASTERCHAIN_SHARD = '-9223372036854775808';

function blockId(seqno: number) {
    return {
        '@type': 'ton.blockIdExt',
        workchain: -1,
        shard: MASTERCHAIN_SHARD,
        seqno,
        root_hash: ZERO_HASH,
        file_hash: ZERO_HASH,
    };
}

/** The stand-in block the chain is at now. */
export function currentBlockId(blockchain: Blockchain) {
    return blockId(Number(blockchain.lt / LT_PER_TRANSACTION));
}

export function masterchainInfo(blockchain: Blockchain) {
    return {
        '@type': 'blocks.masterchainInfo',
        last: currentBlockId(blockchain),
        state_root_hash: ZERO_HASH,
        init: blockId(0),
    };
}
