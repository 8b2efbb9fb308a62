// Lists that can grow without bound are answered a page at a time. A page names where the next one starts with an
// opaque cursor; the caller passes it back unchanged as `?cursor=`.
import { Type } from '@sinclair/typebox';

/**
 * A cursor from a previous page's `next_cursor`. Only its length is checked by schema, so a malformed one is
 * answered with the service's own BAD_CURSOR rather than a schema error.
 */
export const PageCursor = Type.String({ maxLength: 256, description: "a previous page's next_cursor, unchanged" });

/** Where the next page starts, or null on the last page. */
export const NextCursor = Type.Union([Type.String(), Type.Null()], { description: 'pass as ?cursor= for the next page; null on the last page' });
