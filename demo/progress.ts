// What the demo says while it runs: each stage as it begins, and how many tasks are done as that changes, so a
// person watching sees it move long before the closing tables.
export const DEMO_STAGES = [
    'start the devnet and the service',
    'log the requester in and upload the modules',
    'fund and start the workers',
    'create and fund the tasks',
    'work: workers compute, the service validates, the escrows pay',
    'close the escrows and reconcile',
] as const;

export type DemoStage = (typeof DEMO_STAGES)[number];

export class DemoProgress {
    private lastCount = '';

    constructor(private readonly say: (line: string) => void) {}

    stage(name: DemoStage): void {
        this.say(`stage ${DEMO_STAGES.indexOf(name) + 1}/${DEMO_STAGES.length}: ${name}`);
    }

    /** A line whenever the count of finished tasks, or the detail beside it, changes. */
    tasksDone(done: number, total: number, detail: string): void {
        const line = `tasks done ${done}/${total} (${detail})`;
        if (line === this.lastCount) return;
        this.lastCount = line;
        this.say(line);
    }
}
