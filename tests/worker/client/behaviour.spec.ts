// A liar's output keeps the real output's shape, so the service accepts it and only consensus rejects it.
import { canonicalResultHash } from '../../../backend/src/domain';
import { falsifyOutput } from '../../../worker/src/client/behaviour';
import { hashChain } from '../../../worker/src/workloads/hashChain';
import { matrixProduct } from '../../../worker/src/workloads/matrixProduct';
import { primeSieve } from '../../../worker/src/workloads/primeSieve';
import { Value } from '@sinclair/typebox/value';

describe('falsified outputs', () => {
    it.each([
        [hashChain.outputSchema, { hash: 2038722543 }],
        [hashChain.outputSchema, { hash: 0xffffffff }],
        [primeSieve.outputSchema, { count: 78498 }],
        [matrixProduct.outputSchema, { n: 4, trace: 9342, product_sha256: '871767f7'.padEnd(64, 'a') }],
    ])('still fit the workload’s output schema but hash differently (%#)', (schema, output) => {
        const wrong = falsifyOutput(output);
        expect(Value.Check(schema, wrong)).toBe(true);
        expect(canonicalResultHash(wrong)).not.toBe(canonicalResultHash(output));
    });

    it('leave the real output untouched', () => {
        const output = { hash: 5 };
        falsifyOutput(output);
        expect(output).toEqual({ hash: 5 });
    });
});
