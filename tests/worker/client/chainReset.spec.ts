// A chain reset is told from the devnet's genesis or from the wallet's seqno going backwards; anything else is the
// same chain, whatever the balance did.
import { chainResetReason } from '../../../worker/src/commandLine/chainReset';
import { idleLine } from '../../../worker/src/commandLine/idleLine';
import { CLAIM_COST, claimFundsWarning } from '../../../worker/src/client/claimFunds';
import { CLAIM_ATTACHED_VALUE } from '../../../backend/src/tasks/taskRules';

describe('chain reset', () => {
    it('is seen when the genesis changes or the seqno goes back', () => {
        expect(chainResetReason({ genesis: 'a', seqno: 3 }, { genesis: 'b', seqno: 3 })).toMatch(/genesis changed/);
        expect(chainResetReason({ genesis: null, seqno: 3 }, { genesis: null, seqno: 0 })).toMatch(/seqno went back from 3 to 0/);
    });

    it('is not seen on the same chain, or when nothing could be read', () => {
        expect(chainResetReason({ genesis: 'a', seqno: 3 }, { genesis: 'a', seqno: 5 })).toBeUndefined();
        expect(chainResetReason({ genesis: null, seqno: null }, { genesis: 'b', seqno: 0 })).toBeUndefined();
    });
});

describe('the idle line', () => {
    it('is printed with nothing running, and names what is pending', () => {
        expect(idleLine('http://s', { connected: true, trust: 0.25, running: 0, awaitingPayout: 1 })).toBe(
            'idle: connected to http://s, waiting for offers, trust 0.2500, 1 payout pending',
        );
        expect(idleLine('http://s', { connected: false, trust: null, running: 0, awaitingPayout: 0 })).toBe('idle: not connected to http://s; reconnecting');
    });

    it('is not printed while a task runs', () => {
        expect(idleLine('http://s', { connected: true, trust: 0.25, running: 1, awaitingPayout: 0 })).toBeUndefined();
    });
});

describe('claim funds', () => {
    it("cover the value the service's intents attach, and warn only below", () => {
        expect(CLAIM_COST).toBeGreaterThan(CLAIM_ATTACHED_VALUE);
        expect(claimFundsWarning(CLAIM_COST)).toBeUndefined();
        expect(claimFundsWarning(CLAIM_COST - 1n)).toMatch(/less than the 0\.06 TON one claim costs/);
    });
});
