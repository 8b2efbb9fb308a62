// The Requester view offers the close only when the service and the escrow would take it: whole seconds past the
// deadline. At deadline + 0.5 s it used to offer it, the service refused, and the page stayed refused.
import { pastDeadline } from '../../web/src/requester/pastDeadline';

describe('pastDeadline', () => {
    const deadline = 1_796_200_000;

    it('is false up to the end of the deadline second', () => {
        expect(pastDeadline(deadline * 1000 - 1, deadline)).toBe(false);
        expect(pastDeadline(deadline * 1000, deadline)).toBe(false);
        expect(pastDeadline(deadline * 1000 + 500, deadline)).toBe(false);
        expect(pastDeadline(deadline * 1000 + 999, deadline)).toBe(false);
    });

    it('is true from the next second on', () => {
        expect(pastDeadline((deadline + 1) * 1000, deadline)).toBe(true);
        expect(pastDeadline((deadline + 60) * 1000, deadline)).toBe(true);
    });
});
