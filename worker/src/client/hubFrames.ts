// The WebSocket protocol as the worker speaks it (docs/realtime.md): what it sends, what the hub answers.
import { TaskView, TrustView } from './apiTypes';

export type ClientFrame =
    | { type: 'heartbeat'; request_id?: string }
    | { type: 'claim'; task_id: string; request_id?: string }
    | { type: 'replay'; since: number; request_id?: string };

export type HubFrame =
    | { type: 'welcome'; device_id: string; trust: TrustView; last_offer_seq: number }
    | { type: 'offer'; seq: number; task: TaskView }
    | { type: 'claimed'; task_id: string; slot_expires_at_ms: number; request_id?: string }
    | { type: 'result_accepted'; task_id: string; result_hash: string; verdict: string | null; task_status: string; request_id?: string }
    | { type: 'result_rejected'; task_id: string; code: string; message: string; request_id?: string }
    | { type: 'trust'; trust: TrustView }
    | { type: 'heartbeat'; now_ms: number; request_id?: string }
    | { type: 'replayed'; since: number; count: number; last_seq: number; request_id?: string }
    | { type: 'error'; code: string; message: string; request_id?: string };

/** Close code the hub uses when a newer connection of the same device takes over. */
export const CLOSE_REPLACED = 4001;
/** Close code the hub uses when the session token the connection was opened with expires. */
export const CLOSE_SESSION_EXPIRED = 4002;

/** The frame a text message carries, or null for anything that is not one. */
export function parseHubFrame(text: string): HubFrame | null {
    try {
        const value = JSON.parse(text) as { type?: unknown };
        return typeof value === 'object' && value !== null && typeof value.type === 'string' ? (value as HubFrame) : null;
    } catch {
        return null;
    }
}
