import { describe, expect, it } from 'vitest';
import { formatAge, formatClock } from '../../renderer/src/format/time.js';
import { parseHash, siteHref } from '../../renderer/src/routing/hash-route.js';

describe('formatAge', () => {
  it('says ages in the unit a wall reader wants', () => {
    expect(formatAge(null)).toBe('never');
    expect(formatAge(12_400)).toBe('12 s');
    expect(formatAge(4 * 60_000 + 59_000)).toBe('4 min');
    expect(formatAge(3 * 3_600_000)).toBe('3 h');
    expect(formatAge(47 * 3_600_000)).toBe('47 h');
    expect(formatAge(5 * 86_400_000)).toBe('5 d');
  });
});

describe('formatClock', () => {
  it('is HH:MM:SS, 24-hour', () => {
    const at = new Date(2026, 0, 2, 21, 5, 9).getTime();
    expect(formatClock(at)).toBe('21:05:09');
  });
});

describe('hash routes', () => {
  it('parses the wall and site routes, and round-trips odd site ids', () => {
    expect(parseHash('')).toEqual({ view: 'wall' });
    expect(parseHash('#/')).toEqual({ view: 'wall' });
    expect(parseHash('#/site/')).toEqual({ view: 'wall' });
    expect(parseHash('#/site/%E0%A4%A')).toEqual({ view: 'wall' });
    const id = 'acme/branch 2?#';
    expect(parseHash(siteHref(id))).toEqual({ view: 'site', siteId: id });
  });
});
