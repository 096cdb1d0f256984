import { describe, expect, it } from 'vitest';
import { DEFAULT_BUDGETS } from '../../electron/hub/config/hub-options.js';
import type { UnsequencedEvent } from '../../shared/protocol/events.js';
import { MAX_BATCH } from '../../shared/protocol/messages.js';
import { alert, device } from '../support/fleet-fixtures.js';
import {
  CONTROL_DEVICE,
  heapAfterGc,
  startBudgetRig,
  worstControlLag,
  type BudgetRig,
  type ControlSend,
} from './hostile-budget-rig.js';

/**
 * A site inventing 100,000 devices and 100,000 alerts (on a device that does not exist), then
 * removing and clearing ids it never sent: the hub's state for it stops at the budget, /healthz
 * says why and counts what was dropped, a well-behaved site beside it keeps streaming, and the
 * hub's heap grows by what the budget allows, not by what the site sent.
 */

const INVENTED = 100_000;
/** Full batches of invented devices, then as many of invented alerts. */
const BATCHES_PER_KIND = INVENTED / MAX_BATCH;
const CONTROL_PER_BATCH = 20;
/** Full batches of the baseline: the control's lag beside a busy, well-behaved neighbour. */
const BASELINE_BATCHES = 20;
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

/**
 * Sends `batches` full flood batches back to back, never waiting for the hub (the socket buffers
 * them), and a control batch each time the hub has taken one in. Waits until the hub has taken
 * everything in and returns how many flood batches, at worst, went ahead of a control batch.
 */
async function controlLagBeside(
  rig: BudgetRig,
  batches: number,
  make: (batch: number, i: number) => UnsequencedEvent,
): Promise<number> {
  const { flood, control } = rig;
  const sends: ControlSend[] = [];
  rig.onFloodBatch(() => {
    control.send(CONTROL_PER_BATCH, (i) => sample(CONTROL_DEVICE, i % 100));
    sends.push({ afterFlood: rig.floodApplied.length - 1, controlSeq: control.sent });
  });
  for (let batch = 0; batch < batches; batch++) flood.send(MAX_BATCH, (i) => make(batch, i));
  await Promise.all([flood.caughtUp(), control.caughtUp()]);
  rig.onFloodBatch(null);
  return worstControlLag(rig.floodApplied, sends);
}

async function floodPastBudget(budgets: Record<string, number>) {
  const maxDevices = budgets.maxDevices ?? DEFAULT_BUDGETS.maxDevices;
  const maxOpenAlerts = budgets.maxOpenAlerts ?? DEFAULT_BUDGETS.maxOpenAlerts;
  const rig = await startBudgetRig({ ...RATES_OFF, ...budgets });
  try {
    const { flood, control } = rig;
    // Every path (parse, validate, apply, publish) once, so the baseline holds code and caches.
    control.send(1, () => upsert(CONTROL_DEVICE));
    flood.send(1, () => upsert('warm'));
    flood.send(10, (i) => sample('warm', i));
    await Promise.all([flood.caughtUp(), control.caughtUp()]);
    const heapBefore = heapAfterGc();

    // The control site's lag beside a busy but well-behaved neighbour (full batches of samples
    // of a device it holds), then beside the flood past its budgets: in flood batches the hub
    // took in before the control's, so no stopwatch. The budget's work (dropping, counting, the
    // reason) must not make the neighbour wait any longer than plain traffic does.
    const baselineLag = await controlLagBeside(rig, BASELINE_BATCHES, () => upsert('warm'));
    const floodLag = await controlLagBeside(rig, 2 * BATCHES_PER_KIND, (batch, i) => {
      const id = (batch % BATCHES_PER_KIND) * MAX_BATCH + i;
      return batch < BATCHES_PER_KIND
        ? upsert(`flood-d${id}`)
        : { type: 'alert.raise', alert: alert(`flood-a${id}`, 'ghost') };
    });
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
    // The control site took in everything it sent, live. A fair hub makes it wait only for the
    // flood data already read with it (a few batches: the system hands over megabytes per read
    // round), however long the flood; one that served the flood first would make it wait for
    // the whole backlog: about all of the baseline, and twice that beside the flood.
    expect(sites.control).toMatchObject({
      state: 'live',
      lastSeq: control.sent,
      degraded: null,
      droppedOverBudget: 0,
      unknownDeviceEvents: 0,
      unknownAlertEvents: 0,
    });
    expect(baselineLag, 'control lag beside plain traffic').toBeLessThan(BASELINE_BATCHES / 2);
    expect(floodLag, 'control lag beside the flood').toBeLessThanOrEqual(baselineLag + 2);

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
