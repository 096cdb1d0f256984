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
 * The previous value when it equals the incoming one (every payload arrives as fresh objects:
 * keeping the old one when nothing changed is what lets selectors and memoised components skip
 * the unchanged). When it differs, a copy of the incoming one that holds the previous value's
 * unchanged parts (strings, sub-objects, array items) rather than the incoming ones. Why:
 * a busy fleet replaces each device every few seconds, about as often as the page's young
 * generation is collected, so every part of every new device used to be copied by the collector
 * and then promoted to die in the old generation (bench:render, load (b): scavenges of 16 ms and
 * a full collection every 8 s). A device whose metrics moved now brings only its shell and its
 * metrics; its name, id, tags and security posture are the ones already held.
 */
export function keepUnchanged<T>(previous: T | undefined, incoming: T): T {
  return shareParts(previous, incoming) as T;
}

function shareParts(previous: unknown, incoming: unknown): unknown {
  if (previous === incoming) return previous;
  if (typeof previous !== 'object' || typeof incoming !== 'object') return incoming;
  if (previous === null || incoming === null) return incoming;
  if (Array.isArray(incoming)) {
    return Array.isArray(previous) ? shareItems(previous, incoming) : incoming;
  }
  if (Array.isArray(previous)) return incoming;
  return shareFields(previous as Record<string, unknown>, incoming as Record<string, unknown>);
}

// The copy is made only once a part differs (most of what arrives equals what is held, and the
// point is to allocate less); the parts before it are the previous ones, being equal.
function shareItems(previous: readonly unknown[], incoming: readonly unknown[]): unknown {
  let items: unknown[] | null = previous.length === incoming.length ? null : [];
  for (let i = 0; i < incoming.length; i += 1) {
    const part = shareParts(previous[i], incoming[i]);
    if (items === null && part !== previous[i]) items = previous.slice(0, i);
    if (items !== null) items.push(part);
  }
  return items ?? previous;
}

function shareFields(
  previous: Record<string, unknown>,
  incoming: Record<string, unknown>,
): unknown {
  let copy: Record<string, unknown> | null = null;
  let count = 0;
  for (const key in incoming) {
    if (!Object.hasOwn(incoming, key)) continue;
    // An own "__proto__" (JSON.parse makes one) would set the copy's prototype: no sharing.
    if (key === '__proto__') return incoming;
    const held = Object.hasOwn(previous, key);
    const part = held ? shareParts(previous[key], incoming[key]) : incoming[key];
    if (copy === null && (!held || part !== previous[key]))
      copy = fieldsBefore(previous, incoming, key);
    if (copy !== null) copy[key] = part;
    count += 1;
  }
  if (copy !== null) return copy;
  for (const key in previous) if (Object.hasOwn(previous, key)) count -= 1;
  // Every field of incoming equals the previous one, but previous has more: a copy without them.
  return count === 0 ? previous : fieldsBefore(previous, incoming, null);
}

/** The previous values of incoming's own fields up to `stop` (all of them for null). */
function fieldsBefore(
  previous: Record<string, unknown>,
  incoming: Record<string, unknown>,
  stop: string | null,
): Record<string, unknown> {
  const copy: Record<string, unknown> = {};
  for (const key in incoming) {
    if (key === stop) break;
    if (Object.hasOwn(incoming, key)) copy[key] = previous[key];
  }
  return copy;
}
