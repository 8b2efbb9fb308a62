import { parseAutoClaimReply, parseGroups, parseReadGroupReply } from '../../../backend/src/queue/streamReplies';

describe('stream replies', () => {
    it("read XAUTOCLAIM's Redis 7 reply, deleted ids included", () => {
        const reply = ['0-0', [['1-1', ['task_id', 't1']]], ['1-0']];
        expect(parseAutoClaimReply(reply)).toEqual({ next: '0-0', claimed: [{ id: '1-1', fields: { task_id: 't1' } }], deletedIds: ['1-0'] });
    });

    it("refuse Redis 6.2's two-element XAUTOCLAIM reply rather than misread it", () => {
        expect(() => parseAutoClaimReply(['0-0', [['1-1', ['task_id', 't1']]]])).toThrow('unexpected XAUTOCLAIM reply');
    });

    it('read a timed-out XREADGROUP as no entries', () => {
        expect(parseReadGroupReply(null)).toEqual([]);
    });

    it('read XINFO GROUPS by field name, whatever the group is called', () => {
        const reply = [['name', 'pending', 'consumers', 1, 'pending', 2, 'last-delivered-id', '5-0', 'entries-read', 5, 'lag', 0]];
        expect(parseGroups(reply)).toEqual([{ name: 'pending', pending: 2, lastDeliveredId: '5-0', lag: 0 }]);
    });

    it('read an unknown XINFO GROUPS lag as null, and refuse one that is not a number', () => {
        const group = ['name', 'g', 'consumers', 1, 'pending', 0, 'last-delivered-id', '5-0', 'entries-read', null];
        expect(parseGroups([[...group, 'lag', null]])[0].lag).toBeNull();
        expect(() => parseGroups([[...group, 'lag', '3']])).toThrow('unexpected XINFO GROUPS reply');
    });
});
