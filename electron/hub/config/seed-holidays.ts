import Holidays from 'date-holidays';
import { z } from 'zod';
import { describeIssues, formatPath } from '../../../shared/protocol/errors.js';

/**
 * A calendar's `holidaysFrom` (docs/sla.md): its public holidays seeded from the `date-holidays`
 * package for a country (and optionally a state and region), so an operator does not type every
 * Whit Monday in. The hub expands it into the calendar's listed `holidays` when it reads the
 * config, for the year before the current one through two years ahead; the calendar that reaches
 * the clocks, the store and the windows is a plain list of dates.
 */

const HOLIDAY_TYPES = ['public', 'bank', 'school', 'optional', 'observance'] as const;

export const HolidaysFrom = z.strictObject({
  /** ISO 3166-1 alpha-2, e.g. DE. */
  country: z.string().regex(/^[A-Za-z]{2}$/, 'expected a two-letter country code, e.g. DE'),
  /** The country's state or province code, e.g. BY (Bavaria). */
  state: z.string().min(1).max(10).optional(),
  region: z.string().min(1).max(20).optional(),
  /** Which kinds count as closed; default public holidays only. */
  types: z.array(z.enum(HOLIDAY_TYPES)).min(1).default(['public']),
});
export type HolidaysFrom = z.infer<typeof HolidaysFrom>;

/** The years seeded around `now`: the last one (incidents still open) and two ahead. */
export const SEEDED_YEARS = { before: 1, after: 2 } as const;

/** A problem with one `holidaysFrom`: the field (from the config's root) and what is wrong. */
export class HolidaySeedError extends Error {
  constructor(
    readonly field: string,
    readonly detail: string,
  ) {
    super(`${field}: ${detail}`);
    this.name = 'HolidaySeedError';
  }
}

function known(list: Record<string, string> | undefined, code: string): string | null {
  if (!list) return null;
  return Object.keys(list).find((key) => key.toLowerCase() === code.toLowerCase()) ?? null;
}

/** Checks the codes against what date-holidays knows, naming the field that is wrong. */
function resolveCodes(seed: HolidaysFrom, field: string) {
  const hd = new Holidays();
  const country = known(hd.getCountries('en'), seed.country);
  if (!country) throw new HolidaySeedError(`${field}.country`, `unknown country "${seed.country}"`);
  let state: string | undefined;
  if (seed.state !== undefined) {
    // The package's types say an object; a country without states gives undefined.
    const states = hd.getStates(country, 'en') as Record<string, string> | undefined;
    state = known(states, seed.state) ?? undefined;
    if (!state) {
      const some = Object.keys(states ?? {}).slice(0, 20);
      throw new HolidaySeedError(
        `${field}.state`,
        `"${seed.state}" is not a state of ${country}${some.length > 0 ? ` (known: ${some.join(', ')})` : ' (it has none)'}`,
      );
    }
  }
  let region: string | undefined;
  if (seed.region !== undefined) {
    if (!state) throw new HolidaySeedError(`${field}.region`, 'a region needs its state');
    region = known(hd.getRegions(country, state, 'en'), seed.region) ?? undefined;
    if (!region) {
      throw new HolidaySeedError(
        `${field}.region`,
        `"${seed.region}" is not a region of ${country}-${state}`,
      );
    }
  }
  return { country, state, region };
}

const DAY_MS = 86_400_000;

/** "2026-12-25 00:00:00", or "2026-03-20 00:00:00 -0600" (from the eve: a Jewish or Islamic day). */
const WHOLE_DAY = /^(\d{4})-(\d{2})-(\d{2}) 00:00:00( [+-]\d{4})?$/;

/** The local dates a whole-day holiday closes: its first, and the next for one of several days. */
function closedDates(holiday: { date: string; start: Date; end: Date }): string[] {
  const match = WHOLE_DAY.exec(holiday.date);
  if (!match) return [];
  const [, year, month, day] = match;
  const days = Math.max(1, Math.round((holiday.end.getTime() - holiday.start.getTime()) / DAY_MS));
  const first = Date.UTC(Number(year), Number(month) - 1, Number(day));
  // Calendar dates, not instants: counted on UTC midnights, so no zone or DST can shift them.
  return Array.from({ length: days }, (_, k) =>
    new Date(first + k * DAY_MS).toISOString().slice(0, 10),
  );
}

/**
 * The whole-day holidays of the seed in the years around `year`, as YYYY-MM-DD in the country's
 * own calendar: each day of a holiday of several days (Eid al-Fitr, Seollal, Russia's New Year
 * holidays), and the day itself of one that starts the evening before (Yom Kippur). A holiday
 * that starts in the afternoon (some countries' Christmas Eve) is left out: a calendar closes
 * whole days only; give that day shorter opening hours instead.
 */
export function seededDates(seed: HolidaysFrom, year: number, field = 'holidaysFrom'): string[] {
  const { country, state, region } = resolveCodes(seed, field);
  const hd =
    region !== undefined
      ? new Holidays(country, state ?? '', region, { types: [...seed.types] })
      : state !== undefined
        ? new Holidays(country, state, { types: [...seed.types] })
        : new Holidays(country, { types: [...seed.types] });
  const dates = new Set<string>();
  for (let y = year - SEEDED_YEARS.before; y <= year + SEEDED_YEARS.after; y++) {
    for (const holiday of hd.getHolidays(y)) {
      if (!seed.types.includes(holiday.type)) continue;
      for (const date of closedDates(holiday)) dates.add(date);
    }
  }
  return [...dates].sort();
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** One calendar object of the raw config: `holidaysFrom` expanded into `holidays`. */
function seedCalendar(calendar: unknown, field: string, year: number): unknown {
  if (!isRecord(calendar) || !('holidaysFrom' in calendar)) return calendar;
  const { holidaysFrom, ...rest } = calendar;
  const parsed = HolidaysFrom.safeParse(holidaysFrom);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new HolidaySeedError(
      formatPath(first?.path ?? [], `${field}.holidaysFrom`),
      first?.message ?? describeIssues(parsed.error),
    );
  }
  // A `holidays` that is not a list is left as written: the calendar's own check names it.
  if (rest.holidays !== undefined && !Array.isArray(rest.holidays)) return rest;
  const listed = Array.isArray(rest.holidays) ? (rest.holidays as unknown[]) : [];
  const seeded = seededDates(parsed.data, year, `${field}.holidaysFrom`);
  // Listed dates stay as written (the calendar's own check names a bad one); seeded ones join.
  const extra = seeded.filter((date) => !listed.includes(date));
  return { ...rest, holidays: [...listed, ...extra] };
}

/**
 * The raw config with every SLA calendar's `holidaysFrom` expanded (contracts and the default
 * terms); anything else untouched. Throws HolidaySeedError naming the field.
 */
export function seedHolidays(raw: unknown, now: Date = new Date()): unknown {
  if (!isRecord(raw) || !isRecord(raw.sla)) return raw;
  const year = now.getUTCFullYear();
  const sla = { ...raw.sla };
  if (Array.isArray(sla.contracts)) {
    sla.contracts = sla.contracts.map((contract: unknown, i: number) =>
      isRecord(contract)
        ? {
            ...contract,
            calendar: seedCalendar(contract.calendar, `sla.contracts[${i}].calendar`, year),
          }
        : contract,
    );
  }
  if (isRecord(sla.defaultTerms)) {
    sla.defaultTerms = {
      ...sla.defaultTerms,
      calendar: seedCalendar(sla.defaultTerms.calendar, 'sla.defaultTerms.calendar', year),
    };
  }
  return { ...raw, sla };
}
