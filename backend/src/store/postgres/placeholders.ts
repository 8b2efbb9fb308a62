// The store's SQL is written once with SQLite's `?` placeholders; PostgreSQL numbers them ($1, $2, …).

export interface NumberedSql {
    text: string;
    /** How many parameters the text takes: a call with another count is a bug, refused before it reaches the server. */
    placeholders: number;
}

/**
 * Rewrites each `?` outside a quoted '…' literal or "…" identifier as $1, $2, … in order. A doubled quote inside
 * a literal ('it''s') closes and reopens it, which this walk handles as it is. Our SQL uses neither E'…' escapes,
 * dollar quoting nor comments holding `?`, so those are not looked for.
 */
export function numberPlaceholders(sql: string): NumberedSql {
    let text = '';
    let placeholders = 0;
    let quote: string | undefined;
    for (const char of sql) {
        if (quote) {
            if (char === quote) quote = undefined;
            text += char;
        } else if (char === "'" || char === '"') {
            quote = char;
            text += char;
        } else if (char === '?') {
            placeholders += 1;
            text += `$${placeholders}`;
        } else {
            text += char;
        }
    }
    return { text, placeholders };
}
