// A sandbox transaction in toncenter's raw.transaction shape: the transaction's own BOC in `data` (which TonClient
// parses) and its messages spelled out beside it.
import { Address, beginCell, Cell, Message, storeStateInit } from '@ton/core';
import { BlockchainTransaction } from '@ton/sandbox';

export function transactionJson(address: Address, tx: BlockchainTransaction) {
    const d = tx.description;
    const storageFee = d.type === 'generic' ? (d.storagePhase?.storageFeesCollected ?? 0n) : 0n;
    return {
        '@type': 'raw.transaction',
        address: { '@type': 'accountAddress', account_address: address.toString() },
        utime: tx.now,
        data: bocOf(tx.raw),
        transaction_id: { '@type': 'internal.transactionId', lt: tx.lt.toString(), hash: tx.hash().toString('base64') },
        fee: tx.totalFees.coins.toString(),
        storage_fee: storageFee.toString(),
        other_fee: (tx.totalFees.coins - storageFee).toString(),
        ...(tx.inMessage && { in_msg: messageJson(tx.inMessage) }),
        out_msgs: tx.outMessages.values().map(messageJson),
    };
}

function messageJson(message: Message) {
    const info = message.info;
    const internal = info.type === 'internal';
    return {
        '@type': 'raw.message',
        source: info.type === 'external-in' ? '' : info.src.toString(),
        destination: info.type === 'external-out' ? '' : info.dest.toString(),
        value: internal ? info.value.coins.toString() : '0',
        fwd_fee: internal ? info.forwardFee.toString() : '0',
        ihr_fee: internal ? info.ihrFee.toString() : '0',
        created_lt: info.type === 'external-in' ? '0' : info.createdLt.toString(),
        body_hash: message.body.hash().toString('base64'),
        msg_data: {
            '@type': 'msg.dataRaw',
            body: bocOf(message.body),
            init_state: message.init ? bocOf(beginCell().store(storeStateInit(message.init)).endCell()) : '',
        },
    };
}

function bocOf(cell: Cell): string {
    return cell.toBoc().toString('base64');
}
