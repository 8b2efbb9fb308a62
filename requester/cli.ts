// The requester CLI as a function of its arguments and environment, so tests run it without a process: it answers
// the exit code (0 done, 1 failed, 2 bad usage) and prints errors as one line.
import { ServiceError } from '../client/serviceError';
import { Command, parseRequesterArgs } from './args';
import { close } from './commands/close';
import { create } from './commands/create';
import { fund } from './commands/fund';
import { intent } from './commands/intent';
import { login } from './commands/login';
import { results } from './commands/results';
import { status } from './commands/status';
import { Output, RequesterContext, requesterContext } from './context';
import { USAGE, UsageError } from './usage';

export interface CliStreams {
    stdout(text: string): void;
    stderr(text: string): void;
}

const RUN: Record<Command, (ctx: RequesterContext) => Promise<void>> = { login, create, fund, status, results, intent, close };

export async function runRequesterCli(argv: string[], env: NodeJS.ProcessEnv, streams: CliStreams): Promise<number> {
    try {
        const args = parseRequesterArgs(argv);
        if (args.command === 'help') {
            streams.stdout(`${USAGE}\n`);
            return 0;
        }
        const out: Output = {
            line: (text) => {
                if (!args.json) streams.stdout(`${text}\n`);
            },
            result: (value) => {
                if (args.json) streams.stdout(`${JSON.stringify(value, null, 2)}\n`);
            },
        };
        await RUN[args.command](await requesterContext(args, env, out));
        return 0;
    } catch (error) {
        streams.stderr(`error: ${messageOf(error)}\n`);
        return error instanceof UsageError ? 2 : 1;
    }
}

function messageOf(error: unknown): string {
    if (error instanceof ServiceError) return error.status > 0 ? `${error.message} (HTTP ${error.status})` : error.message;
    return error instanceof Error ? error.message : String(error);
}
