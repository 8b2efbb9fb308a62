// npm run bench:gas — compute gas of the escrow's own transactions, as a table and a final JSON line.
import { measureGas } from './gasScenarios';
import { GAS_CEILINGS, GAS_TARGETS } from './gasTargets';

async function main() {
    const report = await measureGas();
    const rows = Object.entries(report).map(([scenario, gas]) => ({
        scenario,
        gas,
        target: GAS_TARGETS[scenario as keyof typeof GAS_TARGETS] ?? '-',
        ceiling: GAS_CEILINGS[scenario as keyof typeof GAS_CEILINGS],
    }));
    console.table(rows);
    console.log(JSON.stringify(report));
}

main().catch((err) => {
    console.error(err);
    process.exit(1);
});
