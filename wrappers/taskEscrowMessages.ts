// Bodies for TaskEscrow's messages other than claims (claimEncoding.ts builds those). The escrow routes every
// message by opcode in one receiver, so its generated wrapper's `send` takes a body slice, not a typed message.
import { beginCell, Slice } from '@ton/core';
import { storeCloseTask } from '../build/TaskEscrow/TaskEscrow_TaskEscrow';

/** A CloseTask body, ready for `TaskEscrow.send`. */
export function closeTaskMessage(queryId = 0n): Slice {
    return beginCell().store(storeCloseTask({ $$type: 'CloseTask', queryId })).endCell().beginParse();
}
