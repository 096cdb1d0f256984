import type { FleetSnapshot, ReceivingSite, SnapshotPart } from '../../shared/bridge/fleet-view.js';
import type { Device } from '../../shared/protocol/device.js';
import type { createFleetStore } from '../../renderer/src/store/fleet-store.js';
import { EMPTY_DEVICES } from '../../renderer/src/store/fleet-data.js';
import type { FakeBridge } from './fake-bridge.js';
import { content, device, site, snapshot } from './fleet-fixtures.js';

/**
 * One big site of twelve devices sent in parts, for the tests of a page that takes a big site's
 * snapshot in parts (snapshot-parts-sync.test.ts, snapshot-parts-failures.test.ts).
 */

export const SITE = 'big';
export const TOTAL = 12;
/** d00…d11: d03 down, d07 warning, the rest up. */
export const all: Device[] = Array.from({ length: TOTAL }, (_, i) =>
  device(`d${String(i).padStart(2, '0')}`, {
    name: `device-${String(i).padStart(2, '0')}`,
    status: i === 3 ? 'down' : i === 7 ? 'warning' : 'up',
  }),
);
export const byId = (id: string): Device => {
  const found = all.find((d) => d.id === id);
  if (!found) throw new Error(id);
  return found;
};
/** The hub's head: the first rows of the table's order (its problems first). */
export const HEAD = ['d03', 'd07', 'd00', 'd01'].map(byId);
export const REST = all.filter((d) => !HEAD.includes(d));
/** What the hub counted over all twelve: not what four devices say. */
export const RECEIVING: ReceivingSite = {
  siteId: SITE,
  devices: TOTAL,
  counts: { up: 10, warning: 1, down: 1, unknown: 0, maintenance: 0, total: TOTAL },
  rollup: 'degraded',
};

export function head(id = 7, parts = 2): FleetSnapshot {
  return {
    ...snapshot(
      20,
      [site(SITE), site('small')],
      [content(SITE, HEAD), content('small', [device('s1')])],
    ),
    following: { id, parts, sites: [RECEIVING] },
  };
}

export function part(n: number, overrides: Partial<SnapshotPart> = {}): SnapshotPart {
  const devices = n === 1 ? REST.slice(0, 4) : REST.slice(4);
  return { id: 7, part: n, parts: 2, siteId: SITE, devices, ...overrides };
}

/** `fleet.subscribe` answers with head() only when the returned function is called. */
export function answerLater(bridge: FakeBridge): () => void {
  return bridge.answerLater('fleet.subscribe', { ok: true, value: head() });
}

export const held = (store: ReturnType<typeof createFleetStore>) =>
  store.getState().devices.get(SITE) ?? EMPTY_DEVICES;
