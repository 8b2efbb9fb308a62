// The demo's behaviours as task hooks. A liar's output keeps the real output's shape, so the service accepts it and
// only consensus rejects it; a dropout walks away from a claimed task with its link cut; an honest worker sets no hook.
import { canonicalResultHash } from '../../backend/src/domain';
import { behaviourHooks, falsifyOutput } from '../../demo/behaviours';
import { TaskView } from '../../protocol';
import { hashChain } from '../../worker/src/workloads/hashChain';
import { matrixProduct } from '../../worker/src/workloads/matrixProduct';
import { primeSieve } from '../../worker/src/workloads/primeSieve';
import { Value } from '@sinclair/typebox/value';

const TASK = { task_id: '1', operation: 'hash-chain' } as TaskView;

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

describe('behaviour hooks', () => {
    it("a liar submits a falsified output in place of the module's", () => {
        const submitted = behaviourHooks('liar').beforeSubmit!(TASK, { hash: 5 });
        expect(submitted).toEqual(falsifyOutput({ hash: 5 }));
        expect(submitted).not.toEqual({ hash: 5 });
    });

    it('a dropout abandons every claimed task and cuts the hub link', () => {
        const hub = { drop: jest.fn() };
        expect(behaviourHooks('dropout').afterClaim!(TASK, hub)).toBe('abandon');
        expect(hub.drop).toHaveBeenCalledTimes(1);
    });

    it('an honest worker sets no hook', () => {
        expect(behaviourHooks('honest')).toEqual({});
    });
});
