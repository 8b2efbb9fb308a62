import fc from 'fast-check';
import { BPS_DENOMINATOR, MAX_FEE_BPS, splitPayout } from '../../../backend/src/domain/fees';

describe('splitPayout', () => {
    it('worked example: 1 TON at 250 bps is 0.025 TON to the platform and 0.975 TON to the executor', () => {
        expect(splitPayout(1_000_000_000n, 250n)).toEqual({ platformFee: 25_000_000n, executorReward: 975_000_000n });
    });

    it('rounds the fee down, in the executor favour: 999 nanotons at 250 bps is a fee of 24 (not 24.975)', () => {
        expect(splitPayout(999n, 250n)).toEqual({ platformFee: 24n, executorReward: 975n });
        expect(splitPayout(4n, 2000n)).toEqual({ platformFee: 0n, executorReward: 4n });
        expect(splitPayout(5n, 2000n)).toEqual({ platformFee: 1n, executorReward: 4n });
    });

    it('handles zero and the contract largest amount at the fee cap', () => {
        expect(splitPayout(0n, 2000n)).toEqual({ platformFee: 0n, executorReward: 0n });
        expect(splitPayout(123n, 0n)).toEqual({ platformFee: 0n, executorReward: 123n });
        expect(splitPayout(9_999_999_999_999_999_999n, 2000n)).toEqual({
            platformFee: 1_999_999_999_999_999_999n,
            executorReward: 8_000_000_000_000_000_000n,
        });
    });

    it('uses the contract constants: a cap of 2000 bps over 10 000', () => {
        expect(MAX_FEE_BPS).toBe(2000n);
        expect(BPS_DENOMINATOR).toBe(10_000n);
        expect(splitPayout(10_000n, 2000n).platformFee).toBe(2000n);
    });

    it('refuses a negative amount, a negative fee, or a fee above 2000 bps', () => {
        expect(() => splitPayout(-1n, 100n)).toThrow(RangeError);
        expect(() => splitPayout(100n, -1n)).toThrow(RangeError);
        expect(() => splitPayout(100n, 2001n)).toThrow(RangeError);
    });

    it('property: fee = floor(amount · feeBps / 10 000), fee + reward = amount, fee at most a fifth', () => {
        fc.assert(
            fc.property(
                fc.bigInt({ min: 0n, max: (1n << 120n) - 1n }),
                fc.bigInt({ min: 0n, max: 2000n }),
                (amount, feeBps) => {
                    const { platformFee, executorReward } = splitPayout(amount, feeBps);
                    expect(platformFee + executorReward).toBe(amount);
                    expect(platformFee * 10_000n).toBeLessThanOrEqual(amount * feeBps);
                    expect((platformFee + 1n) * 10_000n).toBeGreaterThan(amount * feeBps);
                    expect(platformFee * 5n).toBeLessThanOrEqual(amount);
                    expect(executorReward).toBeGreaterThanOrEqual(0n);
                },
            ),
        );
    });
});
