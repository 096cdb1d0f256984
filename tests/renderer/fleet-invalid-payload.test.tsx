// @vitest-environment happy-dom
import { act, cleanup } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { BridgeResult } from '../../shared/bridge/contract.js';
import type { FleetSnapshot } from '../../shared/bridge/fleet-view.js';
import { INVALID_BANNER_QUIET_MS } from '../../renderer/src/components/header/InvalidPayloadsBanner.js';
import { SUBSCRIBE_RETRY_MS } from '../../renderer/src/store/fleet-sync.js';
import { FakeBridge } from './fake-bridge.js';
import { content, delta, device, site, smallFleet, snapshot, T0 } from './fleet-fixtures.js';
import { cellsInWallOrder, emit, renderApp } from './render-helpers.js';
import { settle } from './settle.js';

beforeEach(() => {
  vi.useFakeTimers({ now: T0 });
  window.location.hash = '';
});

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

const statuses = (container: HTMLElement) =>
  cellsInWallOrder(container).map((c) => `${c.dataset.deviceId}:${c.dataset.status}`);

/** What the page told the host through app.reportError. */
const reported = (bridge: FakeBridge) =>
  bridge.calls.filter((c) => c.name === 'app.reportError').map((c) => c.args);

/** `fleet.subscribe` answers only when the test says so. */
function heldSubscribe(bridge: FakeBridge): (snapshot: FleetSnapshot) => void {
  let answer: (result: BridgeResult<FleetSnapshot>) => void = () => undefined;
  bridge.handle(
    'fleet.subscribe',
    () =>
      new Promise((resolve) => {
        answer = resolve;
      }),
  );
  return (value) => {
    answer({ ok: true, value });
  };
}

describe('a page receiving a payload that breaks the bridge contract', () => {
  it('drops a malformed delta, keeps showing the last good state, reports it and resubscribes', async () => {
    const bridge = new FakeBridge(smallFleet(10));
    const { container, getByTestId } = await renderApp(bridge);
    emit(
      bridge,
      'fleet.delta',
      delta(10, { devices: [{ siteId: 'a', device: device('a2', { status: 'down' }) }] }),
    );
    expect(statuses(container)).toEqual(['a1:up', 'a2:down', 'a3:up', 'b1:up', 'b2:down']);

    const answer = heldSubscribe(bridge);
    const malformed = delta(11, {
      devices: [{ siteId: 'a', device: { ...device('a1'), status: 'exploded' } as never }],
      removedDevices: [{ siteId: 'b', id: 'b1' }],
    });
    emit(bridge, 'fleet.delta', malformed);
    await act(settle);

    // Nothing of the bad delta applied, not even its valid part; the wall is still there.
    expect(getByTestId('wall-view')).toBeTruthy();
    expect(statuses(container)).toEqual(['a1:up', 'a2:down', 'a3:up', 'b1:up', 'b2:down']);
    // The viewer is told, in words, that something was dropped and what.
    expect(getByTestId('invalid-payloads').textContent).toMatch(
      /^1 update from the hub broke the contract and was dropped; .*Latest 0 s ago: fleet\.delta: devices\[0\]\.device\.status/,
    );
    expect(reported(bridge)).toEqual([
      {
        scope: 'bridge:payload',
        message: expect.stringMatching(/^fleet\.delta: devices\[0\]\.device\.status: /) as string,
        stack: null,
      },
    ]);
    expect(bridge.callCount('fleet.subscribe')).toBe(2);

    // The fresh snapshot brings the true state; deltas follow it again.
    answer(
      snapshot(
        20,
        [site('a'), site('b')],
        [
          content('a', [device('a1', { status: 'down' }), device('a2', { status: 'down' })]),
          content('b', [device('b2', { status: 'down' })]),
        ],
      ),
    );
    await act(settle);
    expect(statuses(container)).toEqual(['a1:down', 'a2:down', 'b2:down']);
    emit(bridge, 'fleet.delta', delta(20, { devices: [{ siteId: 'b', device: device('b2') }] }));
    expect(statuses(container)).toEqual(['a1:down', 'a2:down', 'b2:up']);
  });

  it('keeps the board up when the snapshot itself is invalid, says why, and retries', async () => {
    const bridge = new FakeBridge(smallFleet(10));
    const { container, getByTestId } = await renderApp(bridge);
    const broken = { ...smallFleet(12), version: -1 } satisfies FleetSnapshot;
    bridge.answerSubscribe(broken);
    emit(bridge, 'fleet.delta', delta(11)); // a gap: the page asks for a snapshot
    await act(settle);

    // b (down) is drawn before a (degraded): the wall lists the worst roll-up first.
    expect(statuses(container)).toEqual(['b1:up', 'b2:down', 'a1:up', 'a2:warning', 'a3:up']);
    expect(getByTestId('sync-error').textContent).toMatch(
      /fleet\.subscribe: result\.value\.version: /,
    );

    bridge.answerSubscribe(smallFleet(12));
    await act(async () => {
      vi.advanceTimersByTime(SUBSCRIBE_RETRY_MS);
      await settle();
    });
    expect(bridge.callCount('fleet.subscribe')).toBe(3);
    expect(container.querySelector('[data-testid="sync-error"]')).toBeNull();
  });

  it('does not crash on an event payload that is not even an object', async () => {
    const bridge = new FakeBridge(smallFleet(10));
    const { container } = await renderApp(bridge);
    emit(bridge, 'fleet.delta', null);
    emit(bridge, 'bridge.status', 'up');
    await act(settle);
    expect(statuses(container)).toHaveLength(5);
    expect(bridge.callCount('fleet.subscribe')).toBe(2);
  });

  it('says how long ago the latest was, and takes the banner down after ten quiet minutes', async () => {
    const bridge = new FakeBridge(smallFleet(10));
    const { getByTestId, queryByTestId } = await renderApp(bridge);
    const bad = () => {
      emit(bridge, 'fleet.delta', { version: 'x' });
    };
    const later = (ms: number) => {
      act(() => {
        vi.advanceTimersByTime(ms);
      });
    };
    bad();
    later(4 * 60_000);
    expect(getByTestId('invalid-age').textContent).toBe('4 min ago');
    bad(); // the same hub, still sending what the page cannot read
    later(90_000);
    expect(getByTestId('invalid-payloads').textContent).toMatch(
      /^2 updates from the hub broke the contract and were dropped; .*Latest 1 min ago: fleet\.delta: /,
    );

    // Valid data all the while, nothing invalid for ten minutes: the banner goes, to the second.
    later(INVALID_BANNER_QUIET_MS - 90_000 - 1_000);
    expect(getByTestId('invalid-age').textContent).toBe('9 min ago');
    later(1_000);
    expect(queryByTestId('invalid-payloads')).toBeNull();
    later(60 * 60_000);
    expect(queryByTestId('invalid-payloads')).toBeNull();

    // The next one brings it back, with every payload dropped since the page opened.
    bad();
    expect(getByTestId('invalid-payloads').textContent).toMatch(/^3 updates .*Latest 0 s ago: /);
  });
});
