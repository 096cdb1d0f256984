import { describe, expect, it } from 'vitest';
import { DEFAULT_BUDGETS } from '../../electron/hub/config/hub-options.js';
import type { UnsequencedEvent } from '../../shared/protocol/events.js';
import { MAX_BATCH } from '../../shared/protocol/messages.js';
import { alert, device } from '../support/fleet-fixtures.js';
import { heapAfterGc, startBudgetRig } from './hostile-budget-rig.js';

/**
 * A site inventing 100,000 devices and 100,000 alerts (on a device that does not exist), then
 * removing and clearing ids it never sent: the hub's state for it stops at the budget, /healthz
 * says why and counts what was dropped, a well-behaved site beside it keeps streaming, and the
 * hub's heap grows by what the budget allows, not by what the site sent.
 */

const INVENTED = 100_000;
const ROUNDS = INVENTED / MAX_BATCH;
const CONTROL_PER_ROUND = 20;
const UNKNOWN = { removes: 300, samples: 200, clears: 250 };
// The rate budgets belong to the link (tested on their own); here they must not pause the
// flood before it reaches the state budgets.
const RATES_OFF = { maxEventsPerSecond: 1_000_000, maxBytesPerSecond: 2 ** 30 };
/**
 * What the heap may grow by per device or alert held. A parsed device or alert with its Map
 * entry, id and the publisher's dirty-set entry measured 250-600 bytes here; 2 kB leaves room
 * for other V8 versions and layouts. With the small budget the bound is about 12 MB, while
 * keeping the whole flood (200,000 entities) grew the heap by about 55 MB when tried. With the
 * default budgets the flood is only twice the budget, so there the bound catches a gross leak
 * and the state's size is what shows the stop.
 */
const BYTES_PER_HELD = 2048;
/** Socket buffers, caches and counters that do not scale with the state held. */
const SLACK_BYTES = 8 * 2 ** 20;

const upsert = (id: string): UnsequencedEvent => ({ type: 'device.upsert', device: device(id) });
const sample = (id: string, cpu: number): UnsequencedEvent => ({
  type: 'metric.sample',
  deviceId: id,
  values: { cpu },
});

async function floodPastBudget(budgets: Record<string, number>) {
  const maxDevices = budgets.maxDevices ?? DEFAULT_BUDGETS.maxDevices;
  const maxOpenAlerts = budgets.maxOpenAlerts ?? DEFAULT_BUDGETS.maxOpenAlerts;
  const rig = await startBudgetRig({ ...RATES_OFF, ...budgets });
  try {
    const { flood, control } = rig;
    // Every path (parse, validate, apply, publish) once, so the baseline holds code and caches.
    control.send(1, () => upsert('c1'));
    flood.send(1, () => upsert('warm'));
    flood.send(10, (i) => sample('warm', i));
    await Promise.all([flood.caughtUp(), control.caughtUp()]);
    const heapBefore = heapAfterGc();

    // Each round the control site sends first, then the flood; when the flood's batch is in,
    // count how many rounds the control site is behind. Progress, not time: a hub that let the
    // flood starve its neighbour would show it falling behind round after round.
    let worstControlLag = 0;
    for (let round = 0; round < 2 * ROUNDS; round++) {
      control.send(CONTROL_PER_ROUND, (i) => sample('c1', i % 100));
      const base = (round % ROUNDS) * MAX_BATCH;
      flood.send(MAX_BATCH, (i) =>
        round < ROUNDS
          ? upsert(`flood-d${base + i}`)
          : { type: 'alert.raise', alert: alert(`flood-a${base + i}`, 'ghost') },
      );
      await flood.caughtUp();
      const controlSeq = control.health().lastSeq ?? 0;
      worstControlLag = Math.max(worstControlLag, (control.sent - controlSeq) / CONTROL_PER_ROUND);
      expect(control.health().state).toBe('live');
    }
    flood.send(UNKNOWN.removes, (i) => ({ type: 'device.remove', deviceId: `never-${i}` }));
    flood.send(UNKNOWN.samples, (i) => sample(`never-${i}`, 1));
    flood.send(UNKNOWN.clears, (i) => ({ type: 'alert.clear', alertId: `never-${i}` }));
    await Promise.all([flood.caughtUp(), control.caughtUp()]);
    const heapGrowth = heapAfterGc() - heapBefore;

    // The state stops at the budget: the first devices and alerts, in the order sent.
    expect(flood.model.devices.size).toBe(maxDevices);
    expect(flood.model.alerts.size).toBe(maxOpenAlerts);
    expect(flood.model.devices.has('warm')).toBe(true);
    expect(flood.model.devices.has(`flood-d${maxDevices - 2}`)).toBe(true);
    expect(flood.model.devices.has(`flood-d${maxDevices - 1}`)).toBe(false);
    expect(flood.model.alerts.has(`flood-a${maxOpenAlerts - 1}`)).toBe(true);
    expect(flood.model.alerts.has(`flood-a${maxOpenAlerts}`)).toBe(false);

    const sites = await rig.healthz();
    const count = (n: number) => n.toLocaleString('en-US');
    expect(sites.flood).toMatchObject({
      state: 'live',
      lastSeq: flood.sent,
      droppedOverBudget: 1 + INVENTED - maxDevices + INVENTED - maxOpenAlerts,
      // Every alert kept names a device that does not exist; then the removes and samples.
      unknownDeviceEvents: maxOpenAlerts + UNKNOWN.removes + UNKNOWN.samples,
      unknownAlertEvents: UNKNOWN.clears,
    });
    expect(sites.flood?.degraded).toMatch(
      new RegExp(
        `^device budget reached: holding ${count(maxDevices)} devices \\(budgets\\.maxDevices\\); ` +
          `new devices dropped since \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d UTC; ` +
          `open-alert budget reached: holding ${count(maxOpenAlerts)} open alerts ` +
          `\\(budgets\\.maxOpenAlerts\\); new alerts dropped since .* UTC$`,
      ),
    );
    // The control site took in everything it sent, live, never more than a round behind.
    expect(sites.control).toMatchObject({
      state: 'live',
      lastSeq: control.sent,
      degraded: null,
      droppedOverBudget: 0,
      unknownDeviceEvents: 0,
      unknownAlertEvents: 0,
    });
    expect(worstControlLag).toBeLessThanOrEqual(2);

    const bound = (maxDevices + maxOpenAlerts) * BYTES_PER_HELD + SLACK_BYTES;
    expect(heapGrowth, `heap grew ${heapGrowth} bytes, bound ${bound}`).toBeLessThan(bound);
  } finally {
    await rig.close();
  }
  expect(rig.runtime.hub.openResources).toBe(0);
}

describe('a site past its device and alert budgets', () => {
  it('stops at small budgets, says why on /healthz, and leaves the control site streaming', async () => {
    await floodPastBudget({ maxDevices: 1000, maxOpenAlerts: 1000 });
  }, 120_000);

  it('stops at the default budgets (the snapshot cap) just the same', async () => {
    await floodPastBudget({});
  }, 120_000);
});
