// `npm run requester -- <command>`: see usage.ts, or docs/client.md.
import { runRequesterCli } from './cli';

void runRequesterCli(process.argv.slice(2), process.env, {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
}).then((code) => {
    process.exitCode = code;
});
