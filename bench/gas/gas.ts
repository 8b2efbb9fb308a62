// npm run bench:gas — compute gas of the escrow's own transactions, and what each action costs its users in TON
// with every fee included (bench/gas/tonCosts.ts), as two tables and a final JSON line: the gas scenarios as gas
// units, the `…Ton` keys as TON decimal numbers.
//
//   npm run bench:gas                      measure and print
//   npm run bench:gas -- --record "why"    also append the figures to bench/gas/gas-history.json as HEAD's row
import { fromNano } from '@ton/core';
import { recordGasRow } from './gasHistory';
import { measureGas } from './gasScenarios';
import { GAS_CEILINGS, GAS_TARGETS } from './gasTargets';
import { measureTonCosts } from './tonCosts';

const USAGE = 'usage: npm run bench:gas [-- --record "why the gas moved"]';

function parseArgs(args: string[]): { record?: string } {
    if (args.length === 0) return {};
    if (args[0] === '--record' && args.length === 2) return { record: args[1] };
    throw new Error(USAGE);
}

async function main() {
    const { record } = parseArgs(process.argv.slice(2));
    const gas = await measureGas();
    console.table(
        Object.entries(gas).map(([scenario, used]) => ({
            scenario,
            gas: used,
            target: GAS_TARGETS[scenario as keyof typeof GAS_TARGETS] ?? '-',
            ceiling: GAS_CEILINGS[scenario as keyof typeof GAS_CEILINGS],
        })),
    );

    const { report: ton, breakdown } = await measureTonCosts();
    console.table(
        Object.entries(breakdown).map(([action, split]) => ({
            action,
            'sender wallet': fromNano(split.wallet),
            compute: fromNano(split.compute),
            forward: fromNano(split.forward),
            storage: fromNano(split.storage),
            arrivals: fromNano(split.arrivals),
            'TON in all': fromNano(split.total),
        })),
    );

    const figures = { ...gas, ...ton };
    console.log(JSON.stringify(figures));
    if (record !== undefined) {
        const row = recordGasRow(figures, record);
        console.error(`bench/gas/gas-history.json: row for ${row.commit} (${row.date}) appended`);
    }
}

main().catch((err) => {
    console.error(err);
    process.exit(1);
});
