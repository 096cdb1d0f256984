// The markdown of bench/store.ts's section of docs/performance.md, with issue 9's targets.
import type { ColdStart } from './store-cold-start.js';
import type { Filled } from './store-fill.js';
import type { IngestResult } from './store-ingest.js';
import type { QueryTiming } from './store-queries.js';

const INGEST_TARGET = 100_000;
const STALL_TARGET_MS = 16;
const COLD_TARGET_MS = 1500;
const QUERY_TARGET_MS = 20;

export interface StoreReportInput {
  readonly command: string;
  readonly machine: string;
  readonly date: string;
  readonly ingest: IngestResult;
  readonly filled: Filled;
  readonly queries: readonly QueryTiming[];
  readonly cold: ColdStart;
}

const n = (value: number) => Math.round(value).toLocaleString('en-US');
const ms = (value: number) => `${value < 10 ? value.toFixed(1) : n(value)} ms`;
const verdict = (met: boolean) => (met ? '**met**' : '**not met**');

export function storeReport(input: StoreReportInput): string {
  const { ingest, filled, queries, cold } = input;
  // What writes hold the event loop for: each write transaction, timed. The loop's own delay
  // also counts the feeder's work and garbage collection; it is shown beside.
  const stall = ingest.sliceMaxMs;
  const slowest = Math.max(...queries.map((q) => q.p99));
  return [
    '## Store: `npm run bench:store`',
    '',
    "Issue 9's store on `node:sqlite` (WAL, `synchronous = FULL`).",
    '',
    `Command: \`${input.command}\``,
    `Machine: ${input.machine}`,
    `Date: ${input.date}`,
    '',
    '### Ingest',
    '',
    `${n(ingest.events)} events from 50 sites of 100 devices, in batches of 500 as links hand them to the hub (95 % metric samples, 3 % alerts raised or updated, 2 % cleared), written by the hub's \`StoreWriter\` (the same process and thread feeding it: a batch applied to the site's model, then queued; the feeder waits while 50,000 are queued). Each event is a row with its JSON, plus the device's row once per slice and the alert's row (full-text indexed) for alert events. Event-loop delay: \`monitorEventLoopDelay\` (1 ms resolution) over the whole run; write transactions: each timed, commit included, until the writer is idle (not the shutdown's, which writes every open minute at once). Baseline: the same events as rows of one table, one prepared \`INSERT\` each, 1,000 per transaction, nothing else.`,
    '',
    '| | events/s | event-loop delay p99 | max | write transactions | p99 | max |',
    '|---|---:|---:|---:|---:|---:|---:|',
    `| store writer | ${n(ingest.eventsPerSecond)} | ${ms(ingest.loopP99Ms)} | ${ms(ingest.loopMaxMs)} | ${n(ingest.slices)} | ${ms(ingest.sliceP99Ms)} | ${ms(ingest.sliceMaxMs)} |`,
    `| raw inserts (baseline) | ${n(ingest.baselineEventsPerSecond)} | | | | | |`,
    '',
    `The writer takes ${(ingest.eventsPerSecond / ingest.baselineEventsPerSecond).toFixed(2)}× the raw insert rate. Targets: at least ${n(INGEST_TARGET)} events/s: ${verdict(ingest.eventsPerSecond >= INGEST_TARGET)}; no stall over ${STALL_TARGET_MS} ms caused by writes (the longest write transaction, ${ms(stall)}): ${verdict(stall <= STALL_TARGET_MS)}; the longest event-loop delay, which also holds the feeder's work and garbage collection, ${ms(ingest.loopMaxMs)}${ingest.loopMaxMs > STALL_TARGET_MS ? ', over a frame' : ''}.`,
    '',
    '### The big store',
    '',
    `Built by \`bench/store-fill.ts\` (${filled.rebuilt ? `built in this run, ${n(filled.seconds)} s` : 'built by an earlier run and reused'}; ${(filled.bytes / 2 ** 30).toFixed(1)} GiB): 50 sites of 100 devices (5,000), 250,000 alerts over 30 days with 4 timeline entries each (1,000,000 alert events, full-text indexed), 30 days of 1-hour rollups and the last 24 hours of 1-minute rollups for 2 metrics of every device (7.2 million and 14.4 million rows). Not 30 days of 1-minute rollups: for 5,000 devices that is 216 million rows per metric (tens of GB), see docs/storage.md on retention.`,
    '',
    '### Cold start from the store',
    '',
    `From \`startHubRuntime()\` (open the file, check migrations, read every site's devices and open alerts, start the hub) through \`serve\` listening to the wall painted in Debian's Chromium (headless, 1920×1080, a fresh context): a frame after all 50 tiles are in the page. Every site unreachable (a closed port), so what the wall shows comes from the store (${cold.tilesWithDevices} of 50 tiles with their devices). Module loading is not included (the app loads a prebuilt bundle). Baseline: the same start with no store. ${cold.rounds.length} rounds alternating, after one not counted.`,
    '',
    '| | first painted board, median | of which the runtime start |',
    '|---|---:|---:|',
    `| from the store | ${ms(cold.withStore)} | ${ms(cold.runtimeWithStore)} |`,
    `| no store (baseline) | ${ms(cold.baseline)} | ${ms(cold.runtimeBaseline)} |`,
    '',
    `Every round (store / none): ${cold.rounds.map((r) => `${n(r.store)} / ${n(r.baseline)}`).join(', ')} ms. Target: under ${n(COLD_TARGET_MS)} ms: ${verdict(cold.withStore < COLD_TARGET_MS)}.`,
    '',
    '### History queries',
    '',
    'As the bridge runs them (`HistoryQueries`): each alerts query counts the matches (up to 1,000) and reads the first page of 100; 200 runs after 10 not counted, parameters varied per run (site, device, words).',
    '',
    '| query | what | p50 | p99 | max | last run |',
    '|---|---|---:|---:|---:|---|',
    ...queries.map(
      (q) => `| ${q.name} | ${q.what} | ${ms(q.p50)} | ${ms(q.p99)} | ${ms(q.max)} | ${q.sample} |`,
    ),
    '',
    `Target: every query under ${QUERY_TARGET_MS} ms p99: ${verdict(slowest < QUERY_TARGET_MS)}${
      slowest < QUERY_TARGET_MS
        ? ''
        : ` (${queries
            .filter((q) => q.p99 >= QUERY_TARGET_MS)
            .map((q) => `${q.name}: ${ms(q.p99)}`)
            .join('; ')})`
    }.`,
  ].join('\n');
}
