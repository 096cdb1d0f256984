import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { ConfigError, loadHubConfig } from '../../electron/hub/config/load-config.js';
import { seededDates, seedHolidays } from '../../electron/hub/config/seed-holidays.js';
import { BusinessTime } from '../../shared/sla/business-time.js';

/**
 * Holidays seeded per country (date-holidays) into an SLA calendar: the right days for the
 * state, the years around now, listed dates kept, bad codes refused naming the field, and the
 * clocks then skip them.
 */

const OFFICE = [{ start: '09:00', end: '17:00' }];
const WEEKDAYS = { mon: OFFICE, tue: OFFICE, wed: OFFICE, thu: OFFICE, fri: OFFICE };
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function configWith(calendar: unknown): string {
  const dir = mkdtempSync(join(tmpdir(), 'noc-holidays-'));
  dirs.push(dir);
  const file = join(dir, 'hub.yaml');
  writeFileSync(
    file,
    stringify({
      sla: {
        contracts: [
          {
            customer: 'Acme',
            calendar,
            priorities: { high: 'P2' },
            targets: { P2: { responseMinutes: 240, resolutionMinutes: 960 } },
          },
        ],
      },
      sites: [
        { id: 'acme-hq', customer: 'Acme', url: 'https://127.0.0.1:1', token: 'x'.repeat(24) },
      ],
    }),
  );
  return file;
}

describe('holidays seeded per country', () => {
  it("gives a state's own public holidays, whole days only, for the year before through two ahead", () => {
    const bavaria = seededDates({ country: 'DE', state: 'BY', types: ['public'] }, 2026);
    const germany = seededDates({ country: 'de', types: ['public'] }, 2026);
    // Epiphany is a holiday in Bavaria, not nationwide; Whit Monday 2026 is 25 May everywhere.
    expect(bavaria).toContain('2026-01-06');
    expect(germany).not.toContain('2026-01-06');
    for (const list of [bavaria, germany]) {
      expect(list).toContain('2026-05-25');
      expect(list).toContain('2026-12-25');
      // Christmas Eve is not a public holiday in Germany (and from 14:00 where it is a bank one).
      expect(list).not.toContain('2026-12-24');
    }
    expect(new Set(bavaria.map((d) => d.slice(0, 4)))).toEqual(
      new Set(['2025', '2026', '2027', '2028']),
    );
    expect(bavaria).toEqual([...bavaria].sort());
  });

  it('closes every day of a holiday of several days, and the day itself of one that starts the evening before', () => {
    const year = (country: string) =>
      seededDates({ country, types: ['public'] }, 2026).filter((d) => d.startsWith('2026-'));
    // Eid al-Fitr 2026 in the Emirates: three days from 20 March (from the evening before).
    expect(year('AE')).toEqual(expect.arrayContaining(['2026-03-20', '2026-03-21', '2026-03-22']));
    // Yom Kippur 2026 in Israel: 21 September (from the evening of the 20th).
    expect(year('IL')).toContain('2026-09-21');
    expect(year('IL')).not.toContain('2026-09-20');
    // Seollal, three days; Russia's New Year holidays, 2 to 6 January.
    expect(year('KR')).toEqual(expect.arrayContaining(['2026-02-17', '2026-02-18', '2026-02-19']));
    expect(year('RU')).toEqual(
      expect.arrayContaining([
        '2026-01-02',
        '2026-01-03',
        '2026-01-04',
        '2026-01-05',
        '2026-01-06',
      ]),
    );
  });

  it('expands holidaysFrom in the config into listed dates, keeping those listed', async () => {
    const file = configWith({
      timeZone: 'Europe/Berlin',
      hours: WEEKDAYS,
      holidays: ['2026-08-14'],
      holidaysFrom: { country: 'DE', state: 'BY' },
    });
    const options = await loadHubConfig(file, {}, new Date('2026-06-01T00:00:00Z'));
    const calendar = options.sla?.contracts[0]?.calendar;
    expect(calendar?.holidays).toContain('2026-08-14');
    expect(calendar?.holidays).toContain('2026-05-25');
    expect(calendar && 'holidaysFrom' in calendar).toBe(false);
    // Raised Friday 22 May 2026, 16:30 in Berlin, 4 business hours: Whit Monday is closed, so
    // due Tuesday 26 May 12:30 (Berlin, UTC+2).
    if (!calendar) throw new Error('no calendar');
    const raised = Date.parse('2026-05-22T14:30:00Z');
    expect(new Date(new BusinessTime(calendar).add(raised, 4 * 3_600_000)).toISOString()).toBe(
      '2026-05-26T10:30:00.000Z',
    );
  });

  it('refuses an unknown country, state or region, or a bad seed, naming the field', async () => {
    const cases: [unknown, string, RegExp][] = [
      [{ country: 'XX' }, 'sla.contracts[0].calendar.holidaysFrom.country', /unknown country "XX"/],
      [{ country: 'Germany' }, 'sla.contracts[0].calendar.holidaysFrom.country', /two-letter/],
      [
        { country: 'DE', state: 'ZZ' },
        'sla.contracts[0].calendar.holidaysFrom.state',
        /not a state of DE/,
      ],
      [
        { country: 'DE', state: 'BY', region: 'nowhere' },
        'sla.contracts[0].calendar.holidaysFrom.region',
        /not a region of DE-BY/,
      ],
      [{ country: 'DE', types: ['holy'] }, 'sla.contracts[0].calendar.holidaysFrom.types[0]', /./],
      [{ country: 'DE', extra: 1 }, 'sla.contracts[0].calendar.holidaysFrom', /extra/],
    ];
    // A `holidays` that is not a list is named as such, not replaced by the seeded dates.
    const wrong = configWith({
      timeZone: 'Europe/Berlin',
      hours: WEEKDAYS,
      holidays: '2026-12-24',
      holidaysFrom: { country: 'DE' },
    });
    const refused = await loadHubConfig(wrong, {}).then(
      () => null,
      (e: unknown) => e,
    );
    expect((refused as ConfigError | null)?.field).toBe('sla.contracts[0].calendar.holidays');
    for (const [seed, field, message] of cases) {
      const file = configWith({ timeZone: 'Europe/Berlin', hours: WEEKDAYS, holidaysFrom: seed });
      const error = await loadHubConfig(file, {}).then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(ConfigError);
      const problem = error as ConfigError;
      expect([problem.file, problem.field]).toEqual([file, field]);
      expect(problem.message).toMatch(message);
    }
  });

  it('leaves a config without SLA, or without a seed, as it was', () => {
    const plain = {
      sites: [],
      sla: { contracts: [{ customer: 'A', calendar: { timeZone: 'UTC' } }] },
    };
    expect(seedHolidays(plain)).toEqual(plain);
    expect(seedHolidays({ sites: [] })).toEqual({ sites: [] });
    expect(seedHolidays(null)).toBeNull();
  });
});
