// Whether a task's escrow may be closed now. The service and the escrow count time in whole seconds and close only
// once that count is past the deadline: at deadline + 0.5 s both still refuse, so the page must not offer it yet.
export function pastDeadline(nowMs: number, deadlineSeconds: number): boolean {
    return Math.floor(nowMs / 1000) > deadlineSeconds;
}
