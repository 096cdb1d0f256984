import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { DevicePatch } from '../../shared/bridge/fleet-view.js';
import { splitObjectCheck, zodGuard } from '../../shared/bridge/zod-guard.js';

// zod as the page runs it (shared/schemas-without-eval.ts): no compiled parsers. This file runs
// in a process of its own (vitest's forks pool), so the setting stays here.
z.config({ jitless: true });

/** A patch as the hub sends it, and every way a hostile or broken host could bend it. */
const good = {
  siteId: 'site-1',
  id: 'dev-1',
  status: 'up',
  metrics: { cpu: 12.5, memory: 40, disk: 100, latency: 0, loss: 0 },
  updatedAt: 1_765_000_000_000,
};
const pair = '\u{1F600}'; // one code point, two UTF-16 units
const variants: Record<string, unknown> = {
  good,
  'no metrics': { ...good, metrics: {} },
  'id at 128 code points': { ...good, id: 'x'.repeat(128) },
  'id at 129': { ...good, id: 'x'.repeat(129) },
  'id of 64 surrogate pairs (128 units, 64 code points)': { ...good, id: pair.repeat(64) },
  'id of 100 surrogate pairs (200 units, 100 code points)': { ...good, id: pair.repeat(100) },
  'id of 129 surrogate pairs': { ...good, id: pair.repeat(129) },
  'id a lone high surrogate': { ...good, id: '\ud83d' },
  'empty id': { ...good, id: '' },
  'id a number': { ...good, id: 7 },
  'unknown status': { ...good, status: 'exploded' },
  'status missing': (({ status: _drop, ...rest }) => rest)(good),
  'cpu over 100': { ...good, metrics: { cpu: 100.01 } },
  'cpu NaN': { ...good, metrics: { cpu: Number.NaN } },
  'latency Infinity': { ...good, metrics: { latency: Number.POSITIVE_INFINITY } },
  'latency -0': { ...good, metrics: { latency: -0 } },
  'latency negative': { ...good, metrics: { latency: -1 } },
  'metric undefined': { ...good, metrics: { cpu: undefined } },
  'metric null': { ...good, metrics: { cpu: null } },
  'unknown metric': { ...good, metrics: { temperature: 40 } },
  'extra field': { ...good, name: 'spoof' },
  'own __proto__ key': JSON.parse(
    JSON.stringify(good).replace('{', '{"__proto__":{"x":1},'),
  ) as unknown,
  'inherited field only': Object.assign(Object.create({ extra: 1 }) as object, good),
  'updatedAt a string': { ...good, updatedAt: '1765000000000' },
  'metrics an array': { ...good, metrics: [] },
  'metrics a Date': { ...good, metrics: new Date(0) },
  'metrics a Map': { ...good, metrics: new Map() },
  'metrics an ArrayBuffer': { ...good, metrics: new ArrayBuffer(8) },
  'metrics without a prototype': {
    ...good,
    metrics: Object.assign(Object.create(null), { cpu: 1 }) as object,
  },
  null: null,
  array: [good],
  string: 'patch',
};

function zodSays(schema: z.ZodType, value: unknown): { ok: boolean; data?: unknown } {
  const parsed = schema.safeParse(value);
  return parsed.success ? { ok: true, data: parsed.data } : { ok: false };
}

describe('zodGuard: a check derived from a zod schema that makes no garbage', () => {
  const guard = zodGuard(DevicePatch);

  it('agrees with zod on every bent patch, and when it says yes zod returns the value unchanged', () => {
    const disagreements: string[] = [];
    for (const [name, value] of Object.entries(variants)) {
      const zod = zodSays(DevicePatch, value);
      const mine = guard(value);
      if (mine !== zod.ok) disagreements.push(`${name}: guard ${mine}, zod ${zod.ok}`);
      if (mine) expect(zod.data, name).toStrictEqual(value);
    }
    // Only ever stricter: zod takes any non-array object for a strict object of optional fields
    // and returns a new plain one, which is not the value; the guard leaves those to zod.
    expect(disagreements).toEqual([
      'metrics a Date: guard false, zod true',
      'metrics a Map: guard false, zod true',
      'metrics an ArrayBuffer: guard false, zod true',
      'metrics without a prototype: guard false, zod true',
    ]);
    // The cases cover both answers, so agreeing is not agreeing on "no" alone.
    const yes = Object.values(variants).filter((value) => guard(value)).length;
    expect(yes).toBeGreaterThanOrEqual(6);
    expect(Object.keys(variants).length - yes).toBeGreaterThanOrEqual(15);
  });

  it('checks arrays item by item and their length limits, and leaves holes to zod', () => {
    const list = zodGuard(z.array(DevicePatch).max(2));
    expect(list([good, good])).toBe(true);
    expect(list([good, good, good])).toBe(false);
    expect(list([good, variants['empty id']])).toBe(false);
    // eslint-disable-next-line no-sparse-arrays -- a hole is what is tested
    const holey = [good, , good];
    expect(list(holey)).toBe(false);
    expect(z.array(DevicePatch).safeParse(holey).success).toBe(false);
    // Even where zod accepts a hole, its copy fills it in: not the value, so not the guard's yes.
    // eslint-disable-next-line no-sparse-arrays -- as above
    const optionalHole = [1, , 2];
    expect(zodGuard(z.array(z.number().optional()))(optionalHole)).toBe(false);
    expect(z.array(z.number().optional()).safeParse(optionalHole).success).toBe(true);
  });

  it('mirrors integers, nullables and booleans as zod has them', () => {
    const version = zodGuard(z.int().nonnegative());
    expect([0, 3, 2 ** 53 - 1].map(version)).toEqual([true, true, true]);
    expect([-1, 1.5, 2 ** 53, Number.NaN, '3'].map(version)).toEqual([
      false,
      false,
      false,
      false,
      false,
    ]);
    const zone = zodGuard(z.string().min(1).max(64).nullable());
    expect([null, 'Europe/Berlin', '', undefined].map(zone)).toEqual([true, true, false, false]);
    const flag = zodGuard(z.strictObject({ on: z.boolean(), n: z.number().positive().optional() }));
    expect([{ on: true }, { on: false, n: 1 }, { on: 1 }, { on: true, n: 0 }].map(flag)).toEqual([
      true,
      true,
      false,
      false,
    ]);
  });

  it('refuses to be built from what it cannot mirror, naming where', () => {
    const cases: [z.ZodType, RegExp][] = [
      [z.strictObject({ a: z.string().refine(() => true) }), /schema\.a has a "custom" check/],
      [z.strictObject({ tags: z.array(z.email()) }), /schema\.tags\[\] has a "string_format"/],
      [z.object({ a: z.string() }), /schema has an object that is not strict/],
      [z.strictObject({ a: z.string().default('x') }), /schema\.a has type "default"/],
      [z.string().transform((s) => s.length), /schema has type "pipe"/],
      [z.union([z.string(), z.number()]), /schema has type "union"/],
      [z.strictObject({ a: z.string().exactOptional() }), /schema\.a has an exact optional/],
      [z.strictObject({ [Symbol('s')]: z.string() }), /schema has symbol or __proto__ keys/],
    ];
    for (const [schema, message] of cases) expect(() => zodGuard(schema)).toThrow(message);
  });
});

describe('splitObjectCheck: guards where they can, zod for the rest', () => {
  const Mixed = z.strictObject({
    version: z.int().nonnegative(),
    patches: z.array(DevicePatch),
    // Not guardable: zod checks these two itself.
    tags: z.array(z.string().trim()),
    note: z.string().default('none'),
  });
  const check = splitObjectCheck(Mixed);
  const value = { version: 4, patches: [good], tags: [' a '], note: undefined };

  it('returns what zod would, with the guarded parts as they came', () => {
    const checked = check(value);
    expect(checked).toStrictEqual(Mixed.parse(value));
    expect(checked).toStrictEqual({ version: 4, patches: [good], tags: ['a'], note: 'none' });
    expect(checked?.patches).toBe(value.patches);
  });

  it('says no, for zod to describe, when any part fails or a key is unknown', () => {
    expect(check({ ...value, version: -1 })).toBeNull();
    expect(check({ ...value, patches: [variants['empty id']] })).toBeNull();
    expect(check({ ...value, tags: [7] })).toBeNull();
    expect(check({ ...value, stray: true })).toBeNull();
    expect(check([value])).toBeNull();
    expect(check(null)).toBeNull();
  });

  it('leaves to zod, whole, an object it cannot split: not strict, or refined across fields', () => {
    const loose = splitObjectCheck(z.object({ a: z.string() }));
    expect(loose({ a: 'x' })).toBeNull();
    const Refined = z
      .strictObject({ from: z.number(), to: z.number(), tags: z.array(z.string().trim()) })
      .refine((range) => range.from <= range.to);
    const refined = splitObjectCheck(Refined);
    expect(refined({ from: 1, to: 2, tags: [] })).toBeNull();
    expect(refined({ from: 2, to: 1, tags: [] })).toBeNull();
    expect(Refined.safeParse({ from: 2, to: 1, tags: [] }).success).toBe(false);
  });
});
