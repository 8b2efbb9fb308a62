// Gas is deterministic in the sandbox, so the benchmark's figures are enforced as ceilings here.
import { GAS_CEILINGS } from '../bench/gas/gasTargets';
import { GasReport, measureGas } from '../bench/gas/gasScenarios';

describe('escrow gas', () => {
    let report: GasReport;

    beforeAll(async () => {
        report = await measureGas();
    });

    it.each(Object.entries(GAS_CEILINGS))('%s stays within %i gas', (scenario, ceiling) => {
        expect(report[scenario as keyof GasReport]).toBeLessThanOrEqual(ceiling);
    });
});
