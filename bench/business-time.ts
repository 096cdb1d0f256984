// npm run bench:business-time — SLA business-time arithmetic: due instants a second, on a warm
// calendar (every clock recomputed after a change) and on a cold one (each calendar's first
// days through Temporal), beside the same count of 24×7 due instants (plain addition, the
// floor). Writes docs/performance.md.
import { parseArgs } from 'node:util';
import { BusinessCalendar } from '../shared/sla/business-calendar.js';
import { ALWAYS_OPEN, BusinessTime, type TimeBasis } from '../shared/sla/business-time.js';
import { machineLine, writeSection } from './report.js';
import { median } from './stats.js';

const { values: flags } = parseArgs({
  options: {
    count: { type: 'string', default: '200000' },
    rounds: { type: 'string', default: '5' },
    out: { type: 'string', default: 'docs/performance.md' },
  },
});
const COUNT = Number(flags.count);
const ROUNDS = Number(flags.rounds);
const OFFICE = [{ start: '09:00', end: '17:00' }];

const calendar = () =>
  new BusinessTime(
    BusinessCalendar.parse({
      timeZone: 'Europe/Berlin',
      hours: { mon: OFFICE, tue: OFFICE, wed: OFFICE, thu: OFFICE, fri: OFFICE },
      holidays: ['2026-12-24', '2026-12-25', '2026-12-26', '2027-01-01'],
    }),
  );

// Raised instants over a year, targets of 15 minutes to 40 business hours: what a fleet's
// open incidents look like. Seeded, so every run and every basis computes the same inputs.
let seed = 42;
const random = () => {
  seed = (seed * 16807) % 2147483647;
  return seed / 2147483647;
};
const START = Date.UTC(2026, 0, 1);
const inputs = Array.from({ length: COUNT }, () => ({
  from: START + Math.floor(random() * 365 * 24 * 60) * 60_000,
  target: (15 + Math.floor(random() * (40 * 60 - 15))) * 60_000,
}));

function rate(basis: TimeBasis): { perSecond: number; check: number } {
  let check = 0;
  const started = performance.now();
  for (const { from, target } of inputs) check += basis.add(from, target) % 997;
  const seconds = (performance.now() - started) / 1000;
  return { perSecond: COUNT / seconds, check };
}

const warm: number[] = [];
const cold: number[] = [];
const always: number[] = [];
const coldDays: number[] = [];
for (let round = 0; round < ROUNDS; round++) {
  // Cold: a new calendar, its dates computed as the inputs reach them.
  const fresh = calendar();
  const started = performance.now();
  rate(fresh);
  cold.push(COUNT / ((performance.now() - started) / 1000));
  coldDays.push(performance.now() - started);
  // Warm: the same calendar again (a calendar change recomputes every clock on a warm cache
  // within a day or two of the inputs; this is every date warm).
  warm.push(rate(fresh).perSecond);
  always.push(rate(ALWAYS_OPEN).perSecond);
  console.log(
    `round ${round + 1}: warm ${Math.round(warm.at(-1) ?? 0)}/s, cold ${Math.round(cold.at(-1) ?? 0)}/s, 24×7 ${Math.round(always.at(-1) ?? 0)}/s`,
  );
}

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const warmRate = median(warm);
const markdown = `
## Business-time arithmetic: \`npm run bench:business-time\`

Issue 11's arithmetic target. ${COUNT.toLocaleString('en-US')} due instants per round (raised at
seeded instants over 2026, targets of 15 minutes to 40 business hours) on a Mon–Fri 09:00–17:00
Europe/Berlin calendar with four holidays (\`shared/sla/business-time.ts\`), ${ROUNDS} rounds,
medians. Cold: a new calendar each round, every local date it reaches turned into instants
through Temporal (temporal-polyfill) on first use; warm: the same inputs again. Baseline in the
same run: the same inputs on the 24×7 basis (one addition each).

Command: \`npm run bench:business-time\`
Machine: ${machineLine()}
Date: ${new Date().toISOString().slice(0, 10)}

| basis | due instants a second (median) |
|---|---:|
| business calendar, warm | ${fmt(warmRate)} |
| business calendar, cold (first use of each date) | ${fmt(median(cold))} |
| 24×7 (baseline) | ${fmt(median(always))} |

Target: at least 100,000 due-instant computations a second: **${warmRate >= 100_000 ? 'met' : 'not met'}** (${fmt(warmRate)} warm; cold ${fmt(median(cold))}, a cold round of ${COUNT.toLocaleString('en-US')} took ${Math.round(median(coldDays))} ms).
`;
writeSection(flags.out, 'business-time', markdown);
console.log(markdown);
console.log(`written to ${flags.out}`);
