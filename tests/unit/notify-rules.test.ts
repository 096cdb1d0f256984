import { describe, expect, it } from 'vitest';
import type { NotableAlert, NotableSla } from '../../shared/notify/notable.js';
import { NotifyConfig, type QuietHours } from '../../shared/notify/notify-config.js';
import { refusal } from '../../shared/notify/notify-rules.js';
import { inQuietHours } from '../../shared/notify/quiet-hours.js';

const config = (input: unknown) => NotifyConfig.parse(input);

function alert(
  severity: NotableAlert['severity'],
  at = Date.UTC(2026, 11, 2, 12),
  over: Partial<NotableAlert> = {},
): NotableAlert {
  return {
    kind: 'alert',
    siteId: 's1',
    siteName: 'Office',
    customer: 'Acme',
    alertId: 'a',
    severity,
    title: 'x',
    state: 'open',
    at,
    ...over,
  };
}

function sla(share: number, at: number, priority: NotableSla['priority'] = 'P1'): NotableSla {
  return {
    kind: 'sla',
    siteId: 's1',
    siteName: 'Office',
    customer: 'Acme',
    incidentId: 'i',
    incidentTitle: 't',
    priority,
    clock: 'response',
    share,
    at,
  };
}

/** 22:00–07:00 in London; December is GMT, so local time is UTC. */
const NIGHTS: QuietHours = {
  from: '22:00',
  to: '07:00',
  timeZone: 'Europe/London',
  allowSeverity: 'disaster',
};
const at = (hour: number, minute = 0) => Date.UTC(2026, 11, 2, hour, minute);

describe('notification rules', () => {
  it('by default tells new alerts at high and above, and every SLA warning', () => {
    const defaults = config({});
    expect(refusal(defaults, alert('high'))).toBeNull();
    expect(refusal(defaults, alert('disaster'))).toBeNull();
    expect(refusal(defaults, alert('average'))).toBe('no-rule');
    expect(refusal(defaults, sla(0.5, at(12), 'P4'))).toBeNull();
    expect(refusal(config({ enabled: false }), alert('disaster'))).toBe('disabled');
  });

  it('matches on customer, site, severity and priority; any matching rule lets it through', () => {
    const rules = config({
      rules: [
        { customers: ['Acme'], minSeverity: 'warning', events: ['alerts'] },
        { sites: ['vip'], minSeverity: 'information' },
        { priorities: ['P1'], events: ['sla'] },
      ],
    });
    expect(refusal(rules, alert('warning'))).toBeNull();
    expect(refusal(rules, alert('warning', at(12), { customer: 'Globex' }))).toBe('no-rule');
    expect(
      refusal(rules, alert('information', at(12), { customer: 'Globex', siteId: 'vip' })),
    ).toBeNull();
    expect(refusal(rules, sla(0.75, at(12), 'P1'))).toBeNull();
    expect(refusal(rules, sla(0.75, at(12), 'P3'))).toBe('no-rule');
  });

  it('matches on the alert’s state: open only by default, the others where a rule asks', () => {
    const byDefault = config({});
    expect(refusal(byDefault, alert('high'))).toBeNull();
    for (const state of ['acknowledged', 'flapping', 'maintenance'] as const) {
      expect(refusal(byDefault, alert('high', undefined, { state }))).toBe('no-rule');
    }
    const planned = config({ rules: [{ states: ['open', 'maintenance'] }] });
    expect(refusal(planned, alert('high', undefined, { state: 'maintenance' }))).toBeNull();
    expect(refusal(planned, alert('high', undefined, { state: 'flapping' }))).toBe('no-rule');
  });

  it('keeps quiet hours that cross midnight, on the wall clock of their time zone', () => {
    expect(inQuietHours(NIGHTS, at(21, 59))).toBe(false);
    expect(inQuietHours(NIGHTS, at(22, 0))).toBe(true);
    expect(inQuietHours(NIGHTS, at(23, 30))).toBe(true);
    expect(inQuietHours(NIGHTS, Date.UTC(2026, 11, 3, 3, 0))).toBe(true);
    expect(inQuietHours(NIGHTS, Date.UTC(2026, 11, 3, 6, 59))).toBe(true);
    expect(inQuietHours(NIGHTS, Date.UTC(2026, 11, 3, 7, 0))).toBe(false);
    // The same hours in New York are five hours later in UTC.
    const newYork = { ...NIGHTS, timeZone: 'America/New_York' };
    expect(inQuietHours(newYork, at(23, 30))).toBe(false);
    expect(inQuietHours(newYork, Date.UTC(2026, 11, 3, 3, 30))).toBe(true);
    // In British summer time, 22:00 local is 21:00 UTC.
    expect(inQuietHours(NIGHTS, Date.UTC(2026, 6, 2, 21, 30))).toBe(true);
    // Same start and end: never quiet. A daytime span does not cross midnight.
    expect(inQuietHours({ ...NIGHTS, to: '22:00' }, at(23))).toBe(false);
    expect(inQuietHours({ ...NIGHTS, from: '12:00', to: '13:00' }, at(12, 30))).toBe(true);
    expect(inQuietHours({ ...NIGHTS, from: '12:00', to: '13:00' }, at(23))).toBe(false);
  });

  it('lets only the worst through in quiet hours: disasters and SLA breaches', () => {
    const quiet = config({ quietHours: NIGHTS });
    expect(refusal(quiet, alert('high', at(23)))).toBe('quiet-hours');
    expect(refusal(quiet, alert('disaster', at(23)))).toBeNull();
    expect(refusal(quiet, sla(0.9, at(23)))).toBe('quiet-hours');
    expect(refusal(quiet, sla(1, at(23)))).toBeNull();
    expect(refusal(quiet, alert('high', at(12)))).toBeNull();
  });

  it('refuses bad settings with the field and what was expected', () => {
    const bad = (input: unknown) => {
      const result = NotifyConfig.safeParse(input);
      if (result.success) throw new Error('accepted');
      return result.error.issues
        .map((issue) => `${issue.path.join('.')}: ${issue.message}`)
        .join('; ');
    };
    expect(bad({ quietHours: { ...NIGHTS, from: '25:00' } })).toMatch(
      /quietHours\.from: expected a time of day as HH:MM/,
    );
    expect(bad({ quietHours: { ...NIGHTS, timeZone: 'Mars/Olympus' } })).toMatch(
      /quietHours\.timeZone: expected an IANA time zone/,
    );
    expect(bad({ rules: [{ minSeverity: 'loud' }] })).toMatch(/rules\.0\.minSeverity/);
    expect(bad({ maxPerMinute: 0 })).toMatch(/maxPerMinute/);
    expect(bad({ groupWait: 5 })).toMatch(/Unrecognized key/);
  });
});
