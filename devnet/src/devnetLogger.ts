// The devnet logs as the service does: pretty for a person at a terminal (`npm start` and `npm run devnet` share
// one), JSON lines otherwise; LOG_FORMAT=pretty|json chooses either way.
import pinoPretty from 'pino-pretty';

export function devnetLogger(level: string, env: NodeJS.ProcessEnv = process.env, stdoutIsTty = Boolean(process.stdout.isTTY)) {
    const pretty = env.LOG_FORMAT ? env.LOG_FORMAT === 'pretty' : stdoutIsTty;
    // Named, so its lines stand apart from the service's when `npm start` runs both at one terminal.
    if (!pretty) return { level, name: 'devnet' };
    return { level, name: 'devnet', stream: pinoPretty({ translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname', sync: true }) };
}
