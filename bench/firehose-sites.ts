// Child process of bench/ingest.ts: K simulated sites that push metric samples on command, so
// the sending side runs on its own core and the measured process only receives.
import { SimSite } from '../simulator/site-server.js';

export type FirehoseCommand =
  | { type: 'burst'; perSite: number; batchSize: number }
  | { type: 'paced'; eventsPerSecond: number; durationMs: number; batchSize: number }
  | { type: 'stop' };
export type FirehoseReply =
  { type: 'ready'; urls: string[] } | { type: 'done'; sent: number; ms: number };

const count = Number(process.argv[2] ?? '4');
const token = process.argv[3] ?? 'bench-token';
const sites = Array.from(
  { length: count },
  (_, i) =>
    new SimSite({
      siteId: `bench-${i + 1}`,
      name: `Bench ${i + 1}`,
      customer: 'Bench',
      timeZone: 'UTC',
      token,
      devices: 50,
      scenario: 'calm',
      seed: `bench-${i}`,
      tickMs: 3_600_000, // no simulation ticks: only the bursts we are told to send
      heartbeatMs: 1000,
      preciseTime: true,
      keepSent: false,
      journalCapacity: 10_000,
    }),
);

function send(reply: FirehoseReply): void {
  process.send?.(reply);
}

async function paced(eventsPerSecond: number, durationMs: number, batchSize: number) {
  // Each site sends one batch per interval; together they make the requested rate.
  const intervalMs = (batchSize * sites.length * 1000) / eventsPerSecond;
  const start = performance.now();
  let sent = 0;
  for (let n = 0; performance.now() - start < durationMs; n++) {
    const due = start + n * intervalMs;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    const counts = await Promise.all(sites.map((s) => s.pushMetricBurst(batchSize, batchSize)));
    sent += counts.reduce((a, b) => a + b, 0);
  }
  return sent;
}

process.on('message', (message: FirehoseCommand) => {
  void (async () => {
    const start = performance.now();
    if (message.type === 'stop') {
      await Promise.all(sites.map((s) => s.stop()));
      process.exit(0);
    }
    const sent =
      message.type === 'burst'
        ? (
            await Promise.all(
              sites.map((s) => s.pushMetricBurst(message.perSite, message.batchSize)),
            )
          ).reduce((a, b) => a + b, 0)
        : await paced(message.eventsPerSecond, message.durationMs, message.batchSize);
    send({ type: 'done', sent, ms: performance.now() - start });
  })();
});

const urls = await Promise.all(sites.map((s) => s.start()));
send({ type: 'ready', urls });
