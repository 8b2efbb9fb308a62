// The failures a script expects: a mistake on the command line, a refusal before sending, a refusal on chain, an
// endpoint that cannot be reached. Blueprint prints a failed script's error with console.error, which shows the
// whole stack and every field; these print as one line, because the line is all the user needs.
import { inspect } from 'util';

/** A failure the script explains in its message; printed as `error: <message>`, without a stack. */
export class ScriptError extends Error {
    constructor(message: string) {
        super(message);
        this.name = new.target.name;
        this.stack = `${this.name}: ${message}`;
    }

    [inspect.custom](): string {
        return `error: ${this.message}`;
    }
}

/** Something read from the chain shows the action would be refused or is pointless: nothing was sent. */
export class PreflightRefusal extends ScriptError {
    constructor(reason: string) {
        super(`${reason}; nothing was sent`);
    }
}

/** Throws a PreflightRefusal with `reason` when `condition` holds. */
export function refuseIf(condition: boolean, reason: () => string): void {
    if (condition) throw new PreflightRefusal(reason());
}
