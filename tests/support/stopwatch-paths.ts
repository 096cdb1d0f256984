/**
 * Where in a value a label sits (stopwatch-taint.ts), so that one clock field does not label the
 * whole record: `''` is the value itself, `'at'` its field `at`, `'meta.at'` a field deeper.
 * Arrays are their elements: `[{ at: Date.now() }]` has `'at'`, `[Date.now()]` has `''`.
 */
export type Paths = ReadonlySet<string>;

/** The labels of stopwatch-taint.ts: a clock reading, arithmetic on one, a timed comparison. */
export type Label = 'time' | 'span' | 'verdict';
export const LABELS: readonly Label[] = ['time', 'span', 'verdict'];

export const NONE: Paths = new Set();
/** The value itself carries the label, and so does everything read from it. */
export const WHOLE: Paths = new Set(['']);

/**
 * Deeper paths are cut to this many fields, which labels the field at the cut as a whole:
 * a value that contains itself (`x = { prev: x, at: Date.now() }`) cannot grow paths forever.
 */
const MAX_DEPTH = 4;

/** Counts, not times: `times.length` is not a duration. */
export const COUNTS = new Set(['length', 'size']);

export const whole = (paths: Paths): Paths => (paths.size > 0 ? WHOLE : NONE);

export function union(...all: readonly Paths[]): Paths {
  const nonEmpty = all.filter((paths) => paths.size > 0);
  if (nonEmpty.length <= 1) return nonEmpty[0] ?? NONE;
  return new Set(nonEmpty.flatMap((paths) => [...paths]));
}

/** The paths of `value.name`, or of `value[key]` when the key is unknown (null). */
export function member(paths: Paths, name: string | null): Paths {
  if (paths.has('')) return name !== null && COUNTS.has(name) ? NONE : WHOLE;
  if (name === null) return whole(paths); // any field may be the labelled one
  const prefix = `${name}.`;
  const found = new Set<string>();
  for (const path of paths) {
    if (path === name) found.add('');
    else if (path.startsWith(prefix)) found.add(path.slice(prefix.length));
  }
  return found;
}

/** The paths of `{ [name]: value }`, or of an object with a computed key (null) holding it. */
export function under(name: string | null, paths: Paths): Paths {
  if (paths.size === 0) return NONE;
  if (name === null) return WHOLE;
  return new Set(
    [...paths].map((path) =>
      (path ? `${name}.${path}` : name).split('.').slice(0, MAX_DEPTH).join('.'),
    ),
  );
}
