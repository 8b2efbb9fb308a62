// Times the hub's part of each offer from outside: when the dispatcher called `hub.offer`, when its time-sliced
// loop had handed the frame to every eligible socket, to how many, and the CPU this process spent meanwhile. The loop
// only computes and writes, so that CPU time falls short of the wall time only while the process waits for a CPU:
// a machine busy with other work. The hub's own method still does the work;
// the probe only wraps it, so the dispatcher's path is unchanged.
import { ServerFrame } from '../../protocol';
import { DeviceHub, OfferAudience } from '../../backend/src/realtime/hub';
import { epochMs } from '../load/epochClock';

export interface HubOfferTiming {
    calledEpochMs: number;
    resolvedEpochMs: number;
    sent: number;
    cpuMs: number;
}

export class OfferProbe {
    private readonly waiters = new Map<string, (timing: HubOfferTiming) => void>();

    constructor(hub: DeviceHub) {
        const offer = hub.offer.bind(hub);
        hub.offer = async (frame: ServerFrame, audience: OfferAudience) => {
            const calledEpochMs = epochMs();
            const cpuBefore = process.cpuUsage();
            const sent = await offer(frame, audience);
            const cpu = process.cpuUsage(cpuBefore);
            const timing = { calledEpochMs, resolvedEpochMs: epochMs(), sent, cpuMs: (cpu.user + cpu.system) / 1000 };
            const taskId = frame.type === 'offer' ? (frame.task as { task_id: string }).task_id : undefined;
            if (taskId !== undefined) this.waiters.get(taskId)?.(timing);
            return sent;
        };
    }

    /** Resolves once the hub has sent `taskId`'s offer, or with undefined after `timeoutMs`. */
    timingOf(taskId: string, timeoutMs: number): Promise<HubOfferTiming | undefined> {
        return new Promise((resolve) => {
            const timer = setTimeout(() => {
                this.waiters.delete(taskId);
                resolve(undefined);
            }, timeoutMs);
            this.waiters.set(taskId, (timing) => {
                clearTimeout(timer);
                this.waiters.delete(taskId);
                resolve(timing);
            });
        });
    }
}
