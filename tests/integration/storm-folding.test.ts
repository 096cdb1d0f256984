import { afterEach, describe, expect, it } from 'vitest';
import { foldAlerts } from '../../shared/alerts/folding.js';
import { isHubAlert, postureId } from '../../shared/alerts/hub-alerts.js';
import { POSTURE_FINDINGS } from '../../shared/alerts/posture.js';
import { Hub } from '../../electron/hub/hub.js';
import { SimSite } from '../../simulator/site-server.js';
import { stateOf, testHubOptions } from '../support/hub-harness.js';
import { waitFor } from '../support/wait.js';

/**
 * The simulator's storm scenario at 10 sites × 200 devices, through a real hub: each site's
 * gateway fails, and every alert beneath it folds under one visible incident per site; the
 * gateway recovers, and what cleared is gone while what remains stands on its own again.
 */

const SITES = 10;
const DEVICES = 200;
const TOKEN = 'storm-token';
const cleanups: (() => Promise<void> | void)[] = [];
const POSTURE_IDS = new Set<string>(POSTURE_FINDINGS.map((finding) => postureId(finding)));
const isPostureFinding = (id: string) => POSTURE_IDS.has(id);
afterEach(async () => {
  for (const step of cleanups.splice(0).reverse()) await step();
});

describe('root-cause folding in an alert storm', () => {
  it('one visible incident per site while its gateway is down; unfolded when it recovers', async () => {
    const sites = Array.from(
      { length: SITES },
      (_, i) =>
        new SimSite({
          siteId: `s${i}`,
          name: `Office ${i}`,
          customer: 'Acme',
          timeZone: 'UTC',
          token: TOKEN,
          devices: DEVICES,
          scenario: 'storm',
          seed: `storm-${i}`,
          tickMs: 100,
          heartbeatMs: 200,
          failureRate: 0,
          // Down from the 30th tick (3 s) for 50 ticks: time for the hub to be live first.
          stormAtTick: 30,
          stormTicks: 50,
        }),
    );
    const configs = [];
    for (const site of sites) {
      configs.push({ id: site.siteId, customer: 'Acme', url: await site.start(), token: TOKEN });
      cleanups.push(() => site.stop());
    }
    const hub = new Hub({ ...testHubOptions(configs), staleAfterMs: 5000, downAfterMs: 10_000 });
    cleanups.push(() => {
      hub.dispose();
    });
    hub.start();
    const gatewayOf = (site: SimSite) =>
      site.groundTruth().devices.find((d) => d.kind === 'gateway')?.id ?? '';
    const folding = (site: SimSite) => {
      const model = hub.fleet.modelOf(site.siteId);
      if (!model) throw new Error(`no site ${site.siteId}`);
      const unreachable = stateOf(hub, site.siteId)?.state === 'down';
      return foldAlerts({ name: site.siteId, unreachable }, model.devices, model.alerts);
    };

    // One workstation per site is down on its own before the storm, and stays down after it.
    await waitFor('every site live', () =>
      sites.every((s) => stateOf(hub, s.siteId)?.state === 'live'),
    );
    const heldDown = new Map<string, string>();
    for (const site of sites) {
      const pc = site.groundTruth().devices.find((d) => d.kind === 'workstation');
      if (!pc) throw new Error(`no workstation at ${site.siteId}`);
      site.setDeviceDown(pc.id, true);
      heldDown.set(site.siteId, pc.id);
    }

    // The storm: every device beneath the gateway unreachable, each with its alerts.
    await waitFor(
      'every gateway down, every device beneath alerting',
      () =>
        sites.every((site) => {
          const model = hub.fleet.modelOf(site.siteId);
          const down = model?.devices.get(gatewayOf(site))?.status === 'down';
          const pings = [...(model?.alerts.values() ?? [])].filter((a) => a.check === 'ping');
          return down && pings.length === DEVICES;
        }),
      30_000,
    );
    for (const site of sites) {
      const { roots, unfolded } = folding(site);
      const model = hub.fleet.modelOf(site.siteId);
      // Exactly one thing to see per site: the gateway, with everything else folded beneath it.
      // Beside it, only the hub's security findings about the site as a whole (one per finding,
      // not about reachability: folding rule 3), there before the storm as after it.
      expect(
        unfolded.filter((id) => !isPostureFinding(id)),
        site.siteId,
      ).toEqual([]);
      expect(
        unfolded.every((id) => model?.alerts.get(id)?.deviceId === null),
        site.siteId,
      ).toBe(true);
      expect(
        roots.map((r) => r.key),
        site.siteId,
      ).toEqual([`device:${gatewayOf(site)}`]);
      const [root] = roots;
      expect((root?.own.length ?? 0) + (root?.folded.length ?? 0) + unfolded.length).toBe(
        model?.alerts.size,
      );
      expect(root?.folded.length).toBeGreaterThanOrEqual(DEVICES - 1);
    }

    // The gateway recovers: the unreachable alerts clear; what remains unfolds.
    await waitFor(
      'every gateway back and its storm cleared',
      () =>
        sites.every((site) => {
          const model = hub.fleet.modelOf(site.siteId);
          const up = model?.devices.get(gatewayOf(site))?.status === 'up';
          const pings = [...(model?.alerts.values() ?? [])].filter((a) => a.check === 'ping');
          return up && pings.length === 1 && pings[0]?.deviceId === heldDown.get(site.siteId);
        }),
      30_000,
    );
    for (const site of sites) {
      const { roots, unfolded } = folding(site);
      expect(roots, site.siteId).toEqual([]);
      const open = [...(hub.fleet.modelOf(site.siteId)?.alerts.keys() ?? [])];
      expect(unfolded.toSorted(), site.siteId).toEqual(open.toSorted());
      // The workstation that is still down is among them, on its own.
      const alerts = hub.fleet.modelOf(site.siteId)?.alerts;
      const pc = unfolded.filter((id) => alerts?.get(id)?.deviceId === heldDown.get(site.siteId));
      expect(pc.length, site.siteId).toBeGreaterThanOrEqual(1);
    }
    // And what the hub holds is what the site has open: the cleared ones are gone. The sites
    // keep ticking (a new alert may be on its way to the hub), so this is waited for, not read
    // at one instant (it failed once in CI on an alert raised a moment before).
    const siteOpen = (site: (typeof sites)[number]) =>
      site
        .groundTruth()
        .alerts.map((a) => a.id)
        .toSorted();
    const hubOpen = (site: (typeof sites)[number]) =>
      [...(hub.fleet.modelOf(site.siteId)?.alerts.keys() ?? [])]
        .filter((id) => !isHubAlert(id))
        .toSorted();
    await waitFor(
      'the hub holding what each site has open',
      () => sites.every((site) => JSON.stringify(hubOpen(site)) === JSON.stringify(siteOpen(site))),
      30_000,
    );
    for (const site of sites) expect(hubOpen(site), site.siteId).toEqual(siteOpen(site));
  }, 90_000);
});
