import { describe, expect, it } from 'vitest';
import { describeAge, formatAge, formatClock, formatSpan } from '../../renderer/src/format/time.js';
import {
  inScope,
  parseHash,
  siteHref,
  wallHref,
  alertsHref,
  slaHref,
  WHOLE_FLEET,
} from '../../renderer/src/routing/hash-route.js';

describe('formatAge', () => {
  it('says ages in the unit a wall reader wants', () => {
    expect(formatAge(null)).toBe('never');
    expect(formatAge(12_400)).toBe('12 s');
    expect(formatAge(4 * 60_000 + 59_000)).toBe('4 min');
    expect(formatAge(3 * 3_600_000)).toBe('3 h');
    expect(formatAge(47 * 3_600_000)).toBe('47 h');
    expect(formatAge(5 * 86_400_000)).toBe('5 d');
  });

  it('never shows a time not yet reached as a number', () => {
    expect(formatAge(-1)).toBe('in the future');
    expect(formatAge(-3 * 3_600_000)).toBe('in the future');
  });
});

describe('describeAge', () => {
  const NOW = Date.UTC(2026, 10, 26, 9, 0, 0);
  const SKEW = 5 * 60_000;
  const HOUR = 3_600_000;

  it('is a plain age for the past, and "0 s" only within the display tick and jitter', () => {
    expect(describeAge(null, NOW, SKEW)).toBe('never');
    expect(describeAge(NOW - 12_400, NOW, SKEW)).toBe('12 s');
    expect(describeAge(NOW + 1999, NOW, SKEW)).toBe('0 s');
    expect(describeAge(NOW + 59_000, NOW, SKEW, 60_000)).toBe('0 s');
  });

  it('says "just now" for a time ahead within the skew, and flags one beyond it', () => {
    expect(describeAge(NOW + 2000, NOW, SKEW)).toBe('just now');
    expect(describeAge(NOW + SKEW, NOW, SKEW)).toBe('just now');
    expect(describeAge(NOW + SKEW + 1, NOW, SKEW)).toBe('site clock ahead by 5 min');
    // Rounded, not floored: a clock set 3 h ahead, seen a few seconds later, is 3 h ahead.
    expect(describeAge(NOW + 3 * HOUR - 5_000, NOW, SKEW)).toBe('site clock ahead by 3 h');
    expect(describeAge(Date.UTC(10_000, 0, 1), NOW, SKEW)).toBe('site clock ahead by 7973 y');
  });
});

describe('formatSpan', () => {
  it('rounds to the unit the span is read in, never "60 min"', () => {
    expect(formatSpan(29_600)).toBe('30 s');
    expect(formatSpan(59 * 60_000 + 40_000)).toBe('1 h');
  });
});

describe('formatClock', () => {
  it('is HH:MM:SS, 24-hour', () => {
    const at = new Date(2026, 0, 2, 21, 5, 9).getTime();
    expect(formatClock(at)).toBe('21:05:09');
  });
});

describe('hash routes', () => {
  const WALL = { view: 'wall', slaPanel: true, scope: WHOLE_FLEET };

  it('parses the wall and site routes, and round-trips odd site ids', () => {
    expect(parseHash('')).toEqual(WALL);
    expect(parseHash('#/')).toEqual(WALL);
    expect(parseHash('#/site/')).toEqual(WALL);
    expect(parseHash('#/site/%E0%A4%A')).toEqual(WALL);
    // The wall without its SLA panel; any other query is the plain wall.
    expect(parseHash('#/?sla=off')).toEqual({ ...WALL, slaPanel: false });
    expect(parseHash('#/?sla=on')).toEqual(WALL);
    expect(parseHash('#/?x=1&sla=off')).toEqual({ ...WALL, slaPanel: false });
    const id = 'acme/branch 2?#';
    expect(parseHash(siteHref(id))).toEqual({ view: 'site', siteId: id, alertId: null });
    // With the alert a notice was about; ids with "?" and "&" survive.
    expect(parseHash(siteHref(id, 'a?&=1'))).toEqual({
      view: 'site',
      siteId: id,
      alertId: 'a?&=1',
    });
  });

  it('parses and writes a wall of part of the fleet: customers (with commas and spaces) and sites', () => {
    const scope = { customers: ['Acme, Inc.', 'Globex'], sites: ['hq/1'] };
    const href = wallHref(false, scope);
    expect(parseHash(href)).toEqual({ view: 'wall', slaPanel: false, scope });
    expect(wallHref(true)).toBe('#/');
    expect(parseHash('#/?customer=')).toEqual(WALL);
    expect(inScope(scope, 'hq/1', 'Globex')).toBe(true);
    expect(inScope(scope, 'hq/1', 'Initech')).toBe(false);
    expect(inScope(scope, 'other', 'Globex')).toBe(false);
    expect(inScope(WHOLE_FLEET, 'any', undefined)).toBe(true);
  });

  it('parses and writes the alert list and the SLA board of part of the fleet', () => {
    const scope = { customers: ['Acme, Inc.'], sites: null };
    expect(parseHash(alertsHref(scope))).toEqual({ view: 'alerts', scope });
    expect(parseHash('#/alerts')).toEqual({ view: 'alerts', scope: WHOLE_FLEET });
    expect(alertsHref()).toBe('#/alerts');
    expect(parseHash(slaHref('inc 1', scope))).toEqual({ view: 'sla', incidentId: 'inc 1', scope });
    expect(parseHash(slaHref(null, scope))).toEqual({ view: 'sla', incidentId: null, scope });
    expect(parseHash('#/sla')).toEqual({ view: 'sla', incidentId: null, scope: WHOLE_FLEET });
    expect(slaHref()).toBe('#/sla');
  });
});
