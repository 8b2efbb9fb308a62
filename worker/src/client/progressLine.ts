// One human-readable line per worker event, for the CLI's stderr.
import { fromNano } from '@ton/core';
import { WorkerEvent } from './workerEvents';

export function progressLine(event: WorkerEvent): string {
    switch (event.type) {
        case 'logged_in':
            return `logged in as ${event.address}`;
        case 'device':
            return `${event.reused ? 'reusing' : 'registered'} device ${event.name} (${event.device_id}): ${event.capabilities.join(', ')}`;
        case 'connected':
            return `${event.reconnect ? 'reconnected' : 'connected'} to the hub, trust ${event.trust_score.toFixed(4)}`;
        case 'disconnected':
            return `hub connection lost (${event.code}${event.reason ? ` ${event.reason}` : ''}); retrying in ${event.retry_in_ms} ms`;
        case 'offer':
            return `offer: task ${event.task_id} (${event.operation}), ${fromNano(event.reward)} TON per result`;
        case 'claimed':
            return `claimed a slot of task ${event.task_id}`;
        case 'claim_refused':
            return `task ${event.task_id}: claim refused (${event.code})`;
        case 'executed':
            return `task ${event.task_id}: executed in ${event.ms} ms`;
        case 'execution_failed':
            return `task ${event.task_id}: execution failed (${event.reason}): ${event.message}; nothing submitted`;
        case 'abandoned':
            return `task ${event.task_id}: abandoned after the claim (a task hook said so); the slot will time out`;
        case 'submitted':
            return `task ${event.task_id}: result submitted${event.output_replaced ? ' (output replaced by a task hook)' : ''}, task ${event.task_status}${event.verdict ? `, verdict ${event.verdict}` : ''}`;
        case 'submit_refused':
            return `task ${event.task_id}: result refused (${event.code}): ${event.message}`;
        case 'claim_sent':
            return `task ${event.task_id}: claim comment sent to ${event.escrow} with ${fromNano(event.attached)} TON for gas`;
        case 'paid':
            return `task ${event.task_id}: paid ${fromNano(event.executor_reward)} TON${event.credited ? ` (credited ${fromNano(event.credited)} TON)` : ''}`;
        case 'not_paid':
            return `task ${event.task_id}: not paid (${event.reason}): ${event.detail}`;
        case 'trust':
            return `trust now ${event.score.toFixed(4)}`;
        case 'warning':
            return `warning: ${event.message}`;
    }
}
