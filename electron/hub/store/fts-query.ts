/** At most this many words in one search: each is a prefix scan of the full-text index. */
export const MAX_SEARCH_TERMS = 32;

/**
 * A technician's search text as an SQLite FTS5 MATCH expression that cannot be a syntax error
 * or an operator: every word becomes a quoted string (inner quotes doubled), matched as a prefix
 * ("core sw" finds "Core switch"), all words required. So `"`, `*`, `OR`, `NEAR(`, `col:` and
 * `-x` are searched for as text, never parsed. Null when there is nothing to search for.
 * Throws a RangeError naming the limit for more than MAX_SEARCH_TERMS words.
 */
export function ftsQuery(text: string): string | null {
  // NUL ends FTS5's reading of an expression, even inside a quoted string: a separator here.
  const words = text.split(/[\s\0]+/u).filter((word) => word !== '');
  if (words.length === 0) return null;
  if (words.length > MAX_SEARCH_TERMS) {
    throw new RangeError(
      `search: ${words.length} words; at most ${MAX_SEARCH_TERMS} can be searched for at once`,
    );
  }
  return words.map((word) => `"${word.replaceAll('"', '""')}"*`).join(' ');
}
