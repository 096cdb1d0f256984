// npm run bench:store — issue 9's store: (1) ingest into the store with the event-loop delay
// while writing, beside raw node:sqlite inserts of the same rows; (2) cold start to the first
// painted board from a store of 1,000,000 alert events and 30 days of rollups for 5,000
// devices, beside a start with no store; (3) the history view's queries over that store.
// Writes docs/performance.md's "store" section.
import { parseArgs } from 'node:util';
import { launchChromium, rendererBuild } from '../tests/e2e/browser-setup.js';
import { machineLine, writeSection } from './report.js';
import { measureColdStart } from './store-cold-start.js';
import { filledStore } from './store-fill.js';
import { measureIngest } from './store-ingest.js';
import { measureQueries } from './store-queries.js';
import { storeReport } from './store-report.js';

const { values: flags } = parseArgs({
  options: {
    events: { type: 'string', default: '1000000' },
    rounds: { type: 'string', default: '5' },
    dir: { type: 'string', default: '/tmp/noc-bench-store' },
    rebuild: { type: 'boolean', default: false },
    out: { type: 'string', default: 'docs/performance.md' },
  },
});
const EVENTS = Number(flags.events);
const ROUNDS = Number(flags.rounds);
if (!Number.isInteger(EVENTS) || EVENTS < 10_000) throw new Error('--events: at least 10000');
if (!Number.isInteger(ROUNDS) || ROUNDS < 1) throw new Error('--rounds: at least 1');

console.log(`ingest: ${EVENTS.toLocaleString('en-US')} events…`);
const ingest = await measureIngest(EVENTS);
console.log(ingest);
console.log(`the filled store in ${flags.dir} (built once; --rebuild builds it again)…`);
const filled = await filledStore(flags.dir, flags.rebuild);
console.log(filled);
const queries = await measureQueries(filled.file, filled.now);
console.log(queries);
const rendererDir = rendererBuild();
const browser = await launchChromium();
let cold;
try {
  cold = await measureColdStart(browser, filled.file, rendererDir, ROUNDS);
} finally {
  await browser.close();
}
const markdown = storeReport({
  command: `npm run bench:store -- --events ${EVENTS} --rounds ${ROUNDS}`,
  machine: machineLine(),
  date: new Date().toISOString().slice(0, 10),
  ingest,
  filled,
  queries,
  cold,
});
writeSection(flags.out, 'store', markdown);
console.log(`\n${markdown}\n\nwritten to ${flags.out}`);
