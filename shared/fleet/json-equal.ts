/**
 * Structural equality for JSON-shaped values (what crosses the bridge: objects, arrays, strings,
 * numbers, booleans, null). Nothing is listed field by field, so a field added to a device or an
 * alert later takes part in the comparison without anyone remembering to add it here.
 */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((item, i) => jsonEqual(item, b[i]));
  }
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  const keys = Object.keys(left);
  if (keys.length !== Object.keys(right).length) return false;
  return keys.every((key) => Object.hasOwn(right, key) && jsonEqual(left[key], right[key]));
}

/**
 * The previous object when it equals the incoming one, else the incoming one. Every payload
 * arrives as fresh objects (structured clone, JSON); keeping the old one when nothing changed is
 * what lets selectors and memoised components skip the unchanged.
 */
export function keepIfEqual<T>(previous: T | undefined, incoming: T): T {
  return previous !== undefined && jsonEqual(previous, incoming) ? previous : incoming;
}
