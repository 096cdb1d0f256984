import { afterEach, describe, expect, it } from 'vitest';
import { runCommand } from '../../electron/hub/bridge/commands.js';
import { Hub } from '../../electron/hub/hub.js';
import { DisplaysConfig } from '../../shared/displays/display-layout.js';
import { commandContext } from '../support/command-context.js';
import { FakeClock } from '../support/fake-clock.js';

/** The screens of the wall over the bridge: a viewer (a wall TV) may read them, nothing more. */

const hubs: Hub[] = [];
afterEach(() => {
  for (const hub of hubs.splice(0)) hub.dispose();
});

function rig() {
  const hub = new Hub(
    {
      staleAfterMs: 1000,
      downAfterMs: 5000,
      reconnect: { initialDelayMs: 100, maxDelayMs: 1000 },
      sites: [{ id: 'hq', customer: 'Acme', url: 'http://127.0.0.1:9', token: 't' }],
      displays: DisplaysConfig.parse([
        { display: 3, playlist: [{ show: { view: 'sla' } }] },
        { display: 1, name: 'Left', playlist: [{ show: { view: 'wall', customers: ['Acme'] } }] },
      ]),
    },
    { clock: new FakeClock(0) },
  );
  hubs.push(hub);
  const viewer = commandContext(hub, null);
  return { viewer };
}

describe('displays over the bridge', () => {
  it('gives a viewer every screen by number, and one screen by its number (null when none)', async () => {
    const { viewer } = rig();
    const list = await runCommand('displays.list', {}, viewer);
    expect(list.ok && (list.value as { display: number }[]).map((s) => s.display)).toEqual([1, 3]);
    const one = await runCommand('displays.layout', { display: 1 }, viewer);
    expect(one).toMatchObject({ ok: true, value: { display: 1, name: 'Left' } });
    expect(await runCommand('displays.layout', { display: 2 }, viewer)).toEqual({
      ok: true,
      value: null,
    });
    const bad = await runCommand('displays.layout', { display: 0 }, viewer);
    expect(bad).toMatchObject({ ok: false, error: { code: 'bad-arguments' } });
  });
});
