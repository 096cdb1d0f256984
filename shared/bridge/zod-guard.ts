import type { z } from 'zod';
import type { $ZodCheck, $ZodObjectDef, $ZodType, $ZodTypes } from 'zod/v4/core';

/**
 * A yes/no check derived from a zod schema that allocates nothing: for the one payload part that
 * arrives by the thousand each second (a busy fleet's device patches, ~2,000 a second at load (b)
 * of bench:render). Why not zod itself: the page's CSP forbids `eval`, so zod runs its
 * interpreted path, which makes two objects per field checked (its payload and issue list); at
 * that load it was half of all the page allocated (docs/performance.md, "Load (b): the delta
 * checked without garbage").
 *
 * The schema stays the one model: the guard is built from its definition, and what it cannot
 * mirror exactly (refinements, transforms, defaults, formats, exact optionals, objects that strip
 * unknown keys) makes `zodGuard` throw when it is built, so a schema that changes cannot silently
 * loosen it.
 * Its promise: **true only when zod would accept the value and return an equal copy** (no
 * transform, no stripped key), so a caller may keep the value itself. False says nothing more:
 * the caller asks zod, which says what is wrong (or accepts what the guard was stricter on).
 */
export type Guard<T> = (value: unknown) => value is T;

type Test = (value: unknown) => boolean;

/** Builds the guard; throws naming the first part of the schema it cannot mirror. */
export function zodGuard<S extends z.ZodType>(schema: S): Guard<z.output<S>> {
  const test = build(schema, 'schema');
  return test as Guard<z.output<S>>;
}

/**
 * A strict object's check, split: the fields a guard can mirror are checked by guards, zod checks
 * the others (picked from the same schema). Returns the value as zod would (the guarded fields as
 * they came, the rest as zod returns them), or null when any part fails: the caller then asks zod
 * for the whole, which says what is wrong with it. An object that cannot be split (not strict, or
 * with checks of its own over several fields) gives a check that always says null, so the whole
 * goes to zod: slower, never looser, and never a throw at load.
 */
export function splitObjectCheck<S extends z.ZodObject>(
  schema: S,
): (value: unknown) => z.output<S> | null {
  const def = schema._zod.def;
  const splittable =
    (def.catchall as $ZodTypes | undefined)?._zod.def.type === 'never' &&
    (def.checks ?? []).length === 0 &&
    !schema._zod.traits.has('$ZodCheck');
  const keys = splittable ? tryShapeKeys(def.shape) : null;
  if (keys === null) return () => null;
  const shape = def.shape as Record<string, $ZodType>;
  const known = new Set(keys);
  const guarded: (readonly [string, Test])[] = [];
  const rest: Record<string, true> = {};
  for (const key of keys) {
    const test = tryBuild(shape[key] as $ZodType, key);
    if (test === null) rest[key] = true;
    else guarded.push([key, test]);
  }
  const restKeys = Object.keys(rest);
  const restSchema = restKeys.length > 0 ? schema.pick(rest) : null;
  return (value) => {
    if (!hasOnlyKeys(value, known)) return null;
    for (const [key, test] of guarded) if (!test(value[key])) return null;
    if (restSchema === null) return value as z.output<S>;
    const part: Record<string, unknown> = {};
    for (const key of restKeys) if (Object.hasOwn(value, key)) part[key] = value[key];
    const parsed = restSchema.safeParse(part);
    return parsed.success ? ({ ...value, ...parsed.data } as z.output<S>) : null;
  };
}

/** The guard, or null for a field that zod must check itself. */
function tryBuild(schema: $ZodType, path: string): Test | null {
  try {
    return build(schema, path);
  } catch (error) {
    if (error instanceof UnsupportedSchema) return null;
    throw error;
  }
}

/**
 * A plain object with no key outside `known`. zod accepts any non-array object and returns a new
 * plain one, so a Date, a Map, an ArrayBuffer (no keys of their own) or an object without a
 * prototype would pass as themselves, unlike zod's copy: refused here, for zod to copy.
 */
function hasOnlyKeys(value: unknown, known: ReadonlySet<string>): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  if (Object.getPrototypeOf(value) !== Object.prototype) return false;
  for (const key in value) if (!Object.hasOwn(value, key) || !known.has(key)) return false;
  return true;
}

/** A shape's keys, if a guard can walk them as zod does: no symbols, no `__proto__` (zod skips it). */
function tryShapeKeys(shape: object): string[] | null {
  if (Object.getOwnPropertySymbols(shape).length > 0) return null;
  const keys = Object.keys(shape);
  return keys.includes('__proto__') ? null : keys;
}

function build(schema: $ZodType, path: string): Test {
  const inner = schema as $ZodTypes;
  const def = inner._zod.def;
  // A format such as z.int() or z.email() is a check itself, run before those it carries.
  const own = inner._zod.traits.has('$ZodCheck') ? [schema as unknown as $ZodCheck] : [];
  const checks = [...own, ...(def.checks ?? [])];
  switch (def.type) {
    case 'string':
      return withChecks(isString, checks, path);
    case 'number':
      return withChecks(isFiniteNumber, checks, path);
    case 'boolean':
      return noChecks(isBoolean, checks, path);
    case 'enum': {
      // Numeric TypeScript enums carry reverse keys zod leaves out; only string enums here.
      const values = new Set<unknown>(Object.values(def.entries));
      if ([...values].some((value) => typeof value !== 'string')) {
        throw unsupported(path, 'an enum that is not of strings');
      }
      return noChecks((value) => values.has(value), checks, path);
    }
    case 'optional': {
      // An exact optional may be absent but not undefined; zod has it as an optional too.
      if (inner._zod.traits.has('$ZodExactOptional')) throw unsupported(path, 'an exact optional');
      const test = build(def.innerType, path);
      return noChecks((value) => value === undefined || test(value), checks, path);
    }
    case 'nullable': {
      const test = build(def.innerType, path);
      return noChecks((value) => value === null || test(value), checks, path);
    }
    case 'array':
      return withChecks(everyItem(build(def.element, `${path}[]`)), checks, path);
    case 'object':
      return noChecks(strictObject(def, path), checks, path);
    default:
      throw unsupported(path, `type "${def.type}"`);
  }
}

/** Every index; a hole is refused (zod would fill it in its copy, so the copy would differ). */
function everyItem(item: Test): Test {
  return (value) => {
    if (!Array.isArray(value)) return false;
    for (let i = 0; i < value.length; i++) if (!(i in value) || !item(value[i])) return false;
    return true;
  };
}

/** Only strict objects: one that strips unknown keys returns a copy unlike its input. */
function strictObject(def: $ZodObjectDef, path: string): Test {
  const catchall = def.catchall as $ZodTypes | undefined;
  if (catchall?._zod.def.type !== 'never') throw unsupported(path, 'an object that is not strict');
  const keys = tryShapeKeys(def.shape);
  if (keys === null) throw unsupported(path, 'symbol or __proto__ keys');
  const tests = keys.map((key) => build(def.shape[key] as $ZodType, `${path}.${key}`));
  const known = new Set(keys);
  return (value) => {
    if (!hasOnlyKeys(value, known)) return false;
    for (let i = 0; i < keys.length; i++) {
      if (!(tests[i] as Test)(value[keys[i] as string])) return false;
    }
    return true;
  };
}

const isString: Test = (value) => typeof value === 'string';
const isBoolean: Test = (value) => typeof value === 'boolean';
/** zod's numbers: NaN and ±Infinity are refused. */
const isFiniteNumber: Test = (value) => typeof value === 'number' && Number.isFinite(value);

function noChecks(test: Test, checks: readonly $ZodCheck[] | undefined, path: string): Test {
  if (checks !== undefined && checks.length > 0) throw unsupported(path, 'checks on this type');
  return test;
}

/** The checks a string, number or array may carry, each mirrored exactly; others throw. */
function withChecks(base: Test, checks: readonly $ZodCheck[] | undefined, path: string): Test {
  const tests = (checks ?? []).map((check) => checkTest(check, path));
  if (tests.length === 0) return base;
  return (value) => {
    if (!base(value)) return false;
    for (let i = 0; i < tests.length; i++) if (!(tests[i] as Test)(value)) return false;
    return true;
  };
}

function checkTest(check: $ZodCheck, path: string): Test {
  // A check's `when` (zod's default for lengths: "the value has a length") can only skip it in
  // zod; running it always makes the guard stricter at worst, which its promise allows.
  const def = check._zod.def as { check: string } & Record<string, unknown>;
  switch (def.check) {
    case 'min_length':
      return lengthAtLeast(def.minimum as number);
    case 'max_length':
      return lengthAtMost(def.maximum as number);
    case 'greater_than':
      return def.inclusive === true
        ? (value) => (value as number) >= (def.value as number)
        : (value) => (value as number) > (def.value as number);
    case 'less_than':
      return def.inclusive === true
        ? (value) => (value as number) <= (def.value as number)
        : (value) => (value as number) < (def.value as number);
    case 'number_format':
      if (def.format !== 'safeint')
        throw unsupported(path, `number format "${String(def.format)}"`);
      return (value) => Number.isSafeInteger(value);
    default:
      throw unsupported(path, `a "${def.check}" check`);
  }
}

/**
 * zod (4.6) measures a string in code points (a surrogate pair counts once) and an array by its
 * length. A code point is one or two UTF-16 units, so most strings are decided by `.length`
 * alone; the few in between are counted as zod counts them, without making a string.
 */
function lengthAtLeast(minimum: number): Test {
  return (value) => {
    const units = (value as { length: number }).length;
    if (units < minimum) return false;
    if (typeof value !== 'string' || units >= minimum * 2) return true;
    return codePoints(value) >= minimum;
  };
}

function lengthAtMost(maximum: number): Test {
  return (value) => {
    const units = (value as { length: number }).length;
    if (units <= maximum) return true;
    return typeof value === 'string' && codePoints(value) <= maximum;
  };
}

function codePoints(text: string): number {
  let count = text.length;
  for (let i = 0; i < text.length - 1; i++) {
    const high = text.charCodeAt(i) & 0xfc00;
    if (high === 0xd800 && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      count--;
      i++;
    }
  }
  return count;
}

class UnsupportedSchema extends Error {}

function unsupported(path: string, what: string): Error {
  return new UnsupportedSchema(
    `zodGuard: ${path} has ${what}, which a guard cannot mirror exactly`,
  );
}
