// Child-process entry for the SIGKILL test: the service on the data directory GSTD_DATA_DIR, over a fresh
// in-process sandbox chain, listening on 127.0.0.1:PORT (0 picks a free port). With SEED=1 it first sets up the
// durability plan and prints `SEEDED <json>`. Prints `LISTENING <port>` once it takes requests.
// Run: node -r ts-node/register/transpile-only tests/backend/robustness/durableService.ts
import { AddressInfo } from 'net';
import { serviceFixture } from '../service/serviceFixture';
import { seedPlan } from './durabilityPlan';

async function main(): Promise<void> {
    const dataDir = process.env.GSTD_DATA_DIR;
    if (!dataDir) throw new Error('GSTD_DATA_DIR is required');
    // The fixture's frozen clock is the same in every run, so sessions minted while seeding stay valid after a
    // restart; the session secret they are signed with lives in the data directory.
    const f = await serviceFixture({ GSTD_DATA_DIR: dataDir });
    if (process.env.SEED === '1') process.stdout.write(`SEEDED ${JSON.stringify(await seedPlan(f))}\n`);
    await f.app.listen({ host: '127.0.0.1', port: Number(process.env.PORT ?? '0') });
    process.stdout.write(`LISTENING ${(f.app.server.address() as AddressInfo).port}\n`);
}

main().catch((err: unknown) => {
    process.stderr.write(`${(err as Error)?.stack ?? err}\n`);
    process.exit(1);
});
