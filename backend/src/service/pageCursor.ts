// Keyset pagination: a page ends at the sort key and id of its last item, and the next page starts strictly after
// them. Rows inserted meanwhile never shift a page the way OFFSET would: nothing is repeated and nothing skipped.
// The cursor is that position in base64url, named for its list so one list's cursor is refused by another.
import { ServiceError } from './serviceError';

/** Where a page ended: the last item's sort key (a timestamp) and its id (a decimal task id). */
export interface PagePosition {
    sortKey: number;
    id: string;
}

export interface Page<T> {
    items: T[];
    /** The cursor of the next page, or null when this one is the last. */
    nextCursor: string | null;
}

const MAX_CURSOR_CHARS = 128;

export function encodeCursor(list: string, at: PagePosition): string {
    return Buffer.from(`${list}:${at.sortKey}:${at.id}`).toString('base64url');
}

/** The position `cursor` names in `list`; a cursor this service did not hand out for that list is BAD_CURSOR. */
export function decodeCursor(list: string, cursor: string): PagePosition {
    const refuse = () => new ServiceError('invalid', 'BAD_CURSOR', `cursor is not a next_cursor of this list`);
    if (cursor.length > MAX_CURSOR_CHARS || !/^[A-Za-z0-9_-]+$/.test(cursor)) throw refuse();
    const text = Buffer.from(cursor, 'base64url').toString('utf8');
    const match = /^([a-z]+):(0|[1-9][0-9]{0,15}):(0|[1-9][0-9]{0,19})$/.exec(text);
    if (!match || match[1] !== list || !Number.isSafeInteger(Number(match[2]))) throw refuse();
    const at = { sortKey: Number(match[2]), id: match[3] };
    // One spelling per position: a cursor that decodes but is not what encodeCursor writes was not handed out.
    if (encodeCursor(list, at) !== cursor) throw refuse();
    return at;
}

/**
 * A page from `rows`, fetched with a limit one above `limit`: the extra row only says that another page exists.
 * The next cursor is the position of the last row kept.
 */
export function pageOf<T>(list: string, rows: T[], limit: number, positionOf: (row: T) => PagePosition): Page<T> {
    if (rows.length <= limit) return { items: rows, nextCursor: null };
    const items = rows.slice(0, limit);
    return { items, nextCursor: encodeCursor(list, positionOf(items[items.length - 1])) };
}
