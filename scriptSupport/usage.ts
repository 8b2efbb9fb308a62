// Command-line mistakes. A script that throws UsageError has sent nothing.
import { ScriptError } from './scriptError';

/** Bad input on the command line or in an input file; nothing was sent. */
export class UsageError extends ScriptError {}

/** The positional arguments, exactly as many as `names`, or a UsageError that shows `usage`. */
export function expectArgs(args: string[], names: string[], usage: string): string[] {
    if (args.length !== names.length) {
        throw new UsageError(
            `expected ${names.length} argument(s) (${names.join(', ')}), got ${args.length}; usage: ${usage}`,
        );
    }
    return args;
}
