import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_BUDGETS, type SiteBudgets } from '../../electron/hub/config/hub-options.js';
import type { Hub } from '../../electron/hub/hub.js';
import { recordingHub, stateOf, testHubOptions } from '../support/hub-harness.js';
import { STREAM, clear, scriptedSite, type Scripted } from '../support/scripted-site.js';
import { waitFor } from '../support/wait.js';

let cleanup: (() => Promise<void>) | null = null;
afterEach(async () => {
  await cleanup?.();
  cleanup = null;
});

/** A flooding site and a control site on one hub, with small rate budgets over 2 s. */
async function start(budgets: Partial<SiteBudgets>) {
  const flood = await scriptedSite();
  const control = await scriptedSite();
  const { hub } = recordingHub({
    ...testHubOptions([
      { id: 'flood', customer: 'T', url: flood.url, token: 't' },
      { id: 'control', customer: 'T', url: control.url, token: 't' },
    ]),
    budgets: { ...DEFAULT_BUDGETS, windowSeconds: 2, ...budgets },
  });
  hub.start();
  cleanup = async () => {
    hub.dispose();
    await Promise.all([flood.close(), control.close()]);
  };
  await waitFor('both live', () =>
    ['flood', 'control'].every((id) => stateOf(hub, id)?.state === 'live'),
  );
  return { hub, flood, control };
}

const batch = (from: number, to: number) => ({
  stream: STREAM,
  events: Array.from({ length: to - from + 1 }, (_, i) => clear(from + i)),
});

/** The control site keeps flowing: its next event is applied while the other is paused. */
async function controlFlows(hub: Hub, control: Scripted, seq: number) {
  control.socket().emit('events', batch(seq, seq));
  await waitFor(`control seq ${seq}`, () => stateOf(hub, 'control')?.lastSeq === seq);
  expect(stateOf(hub, 'control')?.state).toBe('live');
}

describe('rate budgets per site', () => {
  it('a site over its events/s budget is paused, shown degraded with the numbers, and comes back; the others flow', async () => {
    const { hub, flood, control } = await start({ maxEventsPerSecond: 500 });
    // Replays on request what follows `after`, up to seq 2000 (the resume after the pause).
    flood.answer = (request, socket) => {
      const after = request.after ?? 0;
      if (after < 2000) socket.emit('events', batch(after + 1, 2000));
      return { mode: 'replay', replayed: 2000 - after, seq: 2000 };
    };
    flood.socket().emit('events', batch(1, 1000)); // 500/s over 2 s: within the budget
    flood.socket().emit('events', batch(1001, 2000)); // 1,000/s: over it
    const degraded =
      'sent 1,000 events/s over 2 s, over the budget of 500/s: paused, retrying in 2 s';
    await waitFor('degraded', () => stateOf(hub, 'flood')?.degraded === degraded);
    expect(stateOf(hub, 'flood')).toMatchObject({ lastSeq: 1000, droppedOverBudget: 1000 });
    await waitFor('stale, saying why', () => stateOf(hub, 'flood')?.state === 'stale');
    expect(stateOf(hub, 'flood')?.reason).toBe(degraded);
    await controlFlows(hub, control, 1);
    expect(stateOf(hub, 'flood')?.degraded).toBe(degraded);
    // After the pause it resumes from seq 1000 and gets what was dropped: nothing lost.
    await waitFor('back', () => stateOf(hub, 'flood')?.state === 'live', 8000);
    expect(stateOf(hub, 'flood')).toMatchObject({ lastSeq: 2000, degraded: null, reason: null });
    expect(flood.syncs.at(-1)).toEqual({ stream: STREAM, after: 1000 });
    await controlFlows(hub, control, 2);
  });

  it('a site over its bytes/s budget is paused the same way, measured on the incoming messages', async () => {
    const { hub, flood, control } = await start({ maxBytesPerSecond: 64 * 1024 });
    flood.socket().emit('heartbeat', { stream: STREAM, seq: 0, at: 1, pad: 'x'.repeat(300_000) });
    await waitFor('degraded', () => stateOf(hub, 'flood')?.degraded);
    expect(stateOf(hub, 'flood')?.degraded).toMatch(
      /^sent 14\d(\.\d)? KiB\/s over 2 s, over the budget of 64 KiB\/s: paused, retrying in 2 s$/,
    );
    await waitFor('stale', () => stateOf(hub, 'flood')?.state === 'stale');
    await controlFlows(hub, control, 1);
    await waitFor('back', () => stateOf(hub, 'flood')?.state === 'live', 8000);
    expect(stateOf(hub, 'flood')?.degraded).toBeNull();
  });
});
