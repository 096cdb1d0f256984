/**
 * Structural equality for JSON-shaped values (what crosses the bridge: objects, arrays, strings,
 * numbers, booleans, null). Nothing is listed field by field, so a field added to a device or an
 * alert later takes part in the comparison without anyone remembering to add it here.
 */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  // Plain loops, no Object.keys or closures: this runs for every device in every delta.
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i += 1) if (!jsonEqual(a[i], b[i])) return false;
    return true;
  }
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  let count = 0;
  for (const key in left) {
    if (!Object.hasOwn(left, key)) continue;
    if (!Object.hasOwn(right, key) || !jsonEqual(left[key], right[key])) return false;
    count += 1;
  }
  for (const key in right) if (Object.hasOwn(right, key)) count -= 1;
  return count === 0;
}

/**
 * The previous object when it equals the incoming one, else the incoming one. Every payload
 * arrives as fresh objects (structured clone, JSON); keeping the old one when nothing changed is
 * what lets selectors and memoised components skip the unchanged.
 */
export function keepIfEqual<T>(previous: T | undefined, incoming: T): T {
  return previous !== undefined && jsonEqual(previous, incoming) ? previous : incoming;
}
