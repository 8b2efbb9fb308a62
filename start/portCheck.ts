// `npm start` checks its ports before it creates anything, so a port taken by another program is one line, not a
// stack trace after a data directory and a devnet were made for nothing.
import { createServer } from 'net';

export interface NamedPort {
    host: string;
    port: number;
    /** What would listen there, and the variable that moves it: "the service (PORT)". */
    role: string;
}

/** Why the port cannot be listened on (EADDRINUSE, EACCES …), or undefined when it is free. Port 0 is always free. */
export function portProblem(host: string, port: number): Promise<string | undefined> {
    if (port === 0) return Promise.resolve(undefined);
    return new Promise((resolve) => {
        const probe = createServer();
        probe.once('error', (err: NodeJS.ErrnoException) => resolve(err.code ?? err.message));
        probe.listen({ host, port, exclusive: true }, () => probe.close(() => resolve(undefined)));
    });
}

/** One line per port that cannot be used, in the order given. */
export async function portProblems(ports: NamedPort[]): Promise<string[]> {
    const lines: string[] = [];
    for (const { host, port, role } of ports) {
        const problem = await portProblem(host, port);
        if (problem === 'EADDRINUSE') lines.push(`port ${port} on ${host} is in use: ${role} cannot listen there; stop what uses it or choose another port`);
        else if (problem) lines.push(`cannot listen on ${host}:${port} for ${role}: ${problem}`);
    }
    return lines;
}
