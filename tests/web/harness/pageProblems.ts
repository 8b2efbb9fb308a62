// What makes a browser test fail besides its own assertions: a console error or an uncaught error in any page.
// Collected as they happen and asserted at the end, so the failure names every one, not only the first, each with
// the page's last console lines before it (TonConnect logs its steps at debug level).
import type { ConsoleMessage, Page } from 'playwright-core';

const CONTEXT_LINES = 12;

export class PageProblems {
    private seen: string[] = [];
    private allowed: RegExp[] = [];

    watch(page: Page, label: string): void {
        const recent: string[] = [];
        const note = (problem: string) => this.seen.push(`[${label}] ${problem}\n    after: ${recent.join('\n           ')}`);
        page.on('console', (message: ConsoleMessage) => {
            const text = message.text().slice(0, 400);
            if (message.type() === 'error') note(`console error: ${text} (${message.location().url}:${message.location().lineNumber})`);
            recent.push(`${new Date().toISOString().slice(11, 23)} ${message.type()}: ${text}`);
            if (recent.length > CONTEXT_LINES) recent.shift();
        });
        page.on('pageerror', (error) => note(`page error: ${error.stack ?? error.message}`));
    }

    /**
     * A problem the test provokes on purpose and the browser reports on its own, such as Chromium's console line
     * for an HTTP error answer the page handles. Allowed until the next `take`.
     */
    allow(pattern: RegExp): void {
        this.allowed.push(pattern);
    }

    /** The problems seen since the last call, less the allowed ones; starts afresh. */
    take(): string[] {
        const unexpected = this.seen.filter((line) => !this.allowed.some((pattern) => pattern.test(line)));
        this.seen = [];
        this.allowed = [];
        return unexpected;
    }
}
