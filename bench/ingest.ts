// npm run bench:ingest — one hub, K simulated sites pushing as fast as they can, beside a bare
// socket.io-client parsing the same stream (the ceiling). Writes docs/performance.md.
import { fork } from 'node:child_process';
import { parseArgs } from 'node:util';
import { BareConsumer, HubConsumer, type Consumer } from './consumers.js';
import type { FirehoseCommand, FirehoseReply } from './firehose-sites.js';
import { machineLine, writeSection } from './report.js';
import { median, percentile } from './stats.js';

const { values: flags } = parseArgs({
  options: {
    sites: { type: 'string', default: '4' },
    'per-site': { type: 'string', default: '50000' },
    rounds: { type: 'string', default: '3' },
    rate: { type: 'string', default: '10000' },
    'paced-seconds': { type: 'string', default: '5' },
    out: { type: 'string', default: 'docs/performance.md' },
  },
});
const K = Number(flags.sites);
const PER_SITE = Number(flags['per-site']);
const ROUNDS = Number(flags.rounds);
const RATE = Number(flags.rate);
const PACED_MS = Number(flags['paced-seconds']) * 1000;
const TOKEN = 'bench-token';
const BATCH = 500;

const child = fork('bench/firehose-sites.ts', [String(K), TOKEN], {
  execArgv: ['--import', 'tsx'],
  stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
});
const replies: FirehoseReply[] = [];
const waiters: ((reply: FirehoseReply) => void)[] = [];
child.on('message', (reply: FirehoseReply) => {
  const waiter = waiters.shift();
  if (waiter) waiter(reply);
  else replies.push(reply);
});
function nextReply(): Promise<FirehoseReply> {
  const ready = replies.shift();
  return ready ? Promise.resolve(ready) : new Promise((resolve) => waiters.push(resolve));
}
function command(message: FirehoseCommand): Promise<FirehoseReply> {
  child.send(message);
  return nextReply();
}
async function until(what: string, check: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`bench: timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

interface RoundResult {
  rate: number;
  p50: number;
  p99: number;
  pacedRate: number;
}

async function measure(consumer: Consumer, urls: string[]): Promise<RoundResult> {
  await consumer.start(urls, TOKEN);
  consumer.received = 0;
  const total = K * PER_SITE;
  const t0 = performance.now();
  const burst = command({ type: 'burst', perSite: PER_SITE, batchSize: BATCH });
  await until(
    `${consumer.name} to ingest ${total} events`,
    () => consumer.received >= total,
    300_000,
  );
  const rate = total / ((performance.now() - t0) / 1000);
  await burst;

  consumer.received = 0;
  consumer.latencies = [];
  const paced = await command({
    type: 'paced',
    eventsPerSecond: RATE,
    durationMs: PACED_MS,
    batchSize: Math.max(1, Math.round(RATE / K / 100)), // one batch per site every ~10 ms
  });
  const sent = paced.type === 'done' ? paced.sent : 0;
  await until(`${consumer.name} to ingest the paced run`, () => consumer.received >= sent, 30_000);
  const result = {
    rate,
    p50: percentile(consumer.latencies, 50),
    p99: percentile(consumer.latencies, 99),
    pacedRate: sent / (PACED_MS / 1000),
  };
  consumer.stop();
  return result;
}

const ready = await nextReply();
if (ready.type !== 'ready') throw new Error('bench: sites did not start');
const results: Record<'bare' | 'hub', RoundResult[]> = { bare: [], hub: [] };
for (let round = 0; round < ROUNDS; round++) {
  // Alternate the order so neither side always runs on a warmer machine.
  const order = round % 2 === 0 ? (['bare', 'hub'] as const) : (['hub', 'bare'] as const);
  for (const which of order) {
    const consumer = which === 'bare' ? new BareConsumer() : new HubConsumer();
    const result = await measure(consumer, ready.urls);
    results[which].push(result);
    console.log(
      `round ${round + 1} ${which.padEnd(4)}: ${Math.round(result.rate)} events/s max; ` +
        `at ${Math.round(result.pacedRate)} events/s p50 ${result.p50.toFixed(2)} ms, p99 ${result.p99.toFixed(2)} ms`,
    );
  }
}
const childExited = new Promise((resolve) => child.once('exit', resolve));
child.send({ type: 'stop' } satisfies FirehoseCommand);
await childExited;

const summary = (list: RoundResult[]) => ({
  rate: median(list.map((r) => r.rate)),
  p50: median(list.map((r) => r.p50)),
  p99: median(list.map((r) => r.p99)),
  pacedRate: median(list.map((r) => r.pacedRate)),
});
const bare = summary(results.bare);
const hub = summary(results.hub);
const ratio = hub.rate / bare.rate;
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const machine = machineLine();
const command_ = `npm run bench:ingest -- --sites ${K} --per-site ${PER_SITE} --rounds ${ROUNDS} --rate ${RATE} --paced-seconds ${PACED_MS / 1000}`;
const table = [
  '| consumer | max ingest (events/s) | p50 latency at paced rate | p99 latency at paced rate |',
  '|---|---:|---:|---:|',
  `| bare socket.io-client (ceiling) | ${fmt(bare.rate)} | ${bare.p50.toFixed(2)} ms | ${bare.p99.toFixed(2)} ms |`,
  `| hub (validate, sequence, apply) | ${fmt(hub.rate)} | ${hub.p50.toFixed(2)} ms | ${hub.p99.toFixed(2)} ms |`,
].join('\n');
const verdict = [
  `- Hub / bare rate: **${(ratio * 100).toFixed(0)} %** (target ≥ 50 %): ${ratio >= 0.5 ? 'met' : 'NOT met'}.`,
  `- Hub p99 at ${fmt(hub.pacedRate)} events/s: **${hub.p99.toFixed(2)} ms** (target < 50 ms at 10,000 events/s): ${hub.p99 < 50 && hub.pacedRate >= 9_500 ? 'met' : 'NOT met'}.`,
].join('\n');
const doc = `## Ingest: \`npm run bench:ingest\`

${K} simulated sites (in a child process, so sending has its own core) push metric samples in
batches of ${BATCH}. Max ingest: each site pushes ${fmt(PER_SITE)} events as fast as its socket
drains; the rate is events received / time from the command to the last event. Latency: the
sites send ${fmt(RATE)} events/s in total for ${PACED_MS / 1000} s; latency is from the site's
emit (its \`at\` stamp, sub-millisecond clock) to the event being applied to the hub's fleet state
(for the bare client: to the parsed event being in hand). Median of ${ROUNDS} rounds, alternating
which consumer goes first. The sending child and the measured process share the machine's
cores, so the ceiling is bounded by the sender as well as by the receiver: compare the ratio,
not the absolute rates, across machines.

Command: \`${command_}\`
Machine: ${machine}
Date: ${new Date().toISOString().slice(0, 10)}

${table}

${verdict}

Per round:

| round | consumer | max ingest (events/s) | paced rate (events/s) | p50 (ms) | p99 (ms) |
|---|---|---:|---:|---:|---:|
${(['bare', 'hub'] as const)
  .flatMap((which) =>
    results[which].map(
      (r, i) =>
        `| ${i + 1} | ${which} | ${fmt(r.rate)} | ${fmt(r.pacedRate)} | ${r.p50.toFixed(2)} | ${r.p99.toFixed(2)} |`,
    ),
  )
  .join('\n')}
`;
writeSection(flags.out, 'ingest', doc);
console.log(`\n${table}\n\n${verdict}\n\nwritten to ${flags.out}`);
process.exit(0);
