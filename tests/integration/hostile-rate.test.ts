import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_BUDGETS, type SiteBudgets } from '../../electron/hub/config/hub-options.js';
import type { Hub } from '../../electron/hub/hub.js';
import { FakeClock } from '../support/fake-clock.js';
import { recordingHub, stateOf, testHubOptions } from '../support/hub-harness.js';
import {
  STREAM,
  clear,
  hubOnScriptedSiteAt,
  scriptedSite,
  type Scripted,
} from '../support/scripted-site.js';
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

describe('a rate pause, on a fake clock', () => {
  it('a steady site at 60 % of its events/s budget plus one spike is paused once, then live again for good', async () => {
    const clock = new FakeClock(Date.UTC(2026, 10, 26, 12, 3, 10));
    let produced = 0; // the site's journal: every seq it has, sent or not
    const { site, hub, close } = await hubOnScriptedSiteAt(
      clock,
      {
        staleAfterMs: 3000,
        downAfterMs: 30_000,
        reconnect: { initialDelayMs: 1000, maxDelayMs: 6000 },
        budgets: { ...DEFAULT_BUDGETS, maxEventsPerSecond: 500, windowSeconds: 2 },
      },
      (s) => {
        // A resume replays what followed `after` (in batches of at most 5,000), as a site does.
        s.answer = (request, socket) => {
          const after = request.after ?? 0;
          for (let from = after + 1; from <= produced; from += 5000) {
            socket.emit('events', batch(from, Math.min(produced, from + 4999)));
          }
          if (request.after !== null) {
            return { mode: 'replay', replayed: produced - after, seq: produced };
          }
          socket.emit('snapshot', { stream: STREAM, seq: 0, at: 0, devices: [], alerts: [] });
          return { mode: 'snapshot', seq: 0 };
        };
      },
    );
    cleanup = close;
    await waitFor('live', () => stateOf(hub, 's')?.state === 'live');
    const caughtUp = () => {
      const health = stateOf(hub, 's');
      return health?.state === 'live' && health.lastSeq === produced;
    };
    const states: string[] = [];
    const pauses: string[] = [];
    let resumeAt = Infinity;
    /** Waits for `done` or a pause of the link; a pause is recorded with the time it ends. */
    const settle = async (what: string, done: () => boolean) => {
      const seen = site.disconnections;
      await waitFor(what, () => done() || site.disconnections > seen);
      if (site.disconnections === seen) return;
      const degraded = stateOf(hub, 's')?.degraded ?? '';
      pauses.push(degraded);
      resumeAt = clock.now() + 1000 * Number(/retrying in (\d+) s$/.exec(degraded)?.[1]);
    };
    // 300 events/s (the budget is 500/s over 2 s) for 30 s, with 1,200 in second 5.
    for (let second = 1; second <= 30; second++) {
      clock.advance(1000);
      if (clock.now() >= resumeAt) {
        resumeAt = Infinity;
        await settle('resumed', caughtUp); // it reconnects, resumes and gets the backlog
      }
      const from = produced + 1;
      produced += second === 5 ? 1200 : 300;
      if (stateOf(hub, 's')?.state === 'live') {
        site.socket().emit('events', batch(from, produced));
        await settle(`second ${second}`, () => stateOf(hub, 's')?.lastSeq === produced);
      }
      states.push(`${second}: ${stateOf(hub, 's')?.state}`);
    }
    expect(pauses).toEqual([
      'sent 750 events/s over 2 s, over the budget of 500/s: paused, retrying in 2 s',
    ]);
    // Paused in second 5, back in second 7 with the backlog, and live from then on.
    expect(states.slice(6)).toEqual(Array.from({ length: 24 }, (_, i) => `${i + 7}: live`));
    expect(stateOf(hub, 's')).toMatchObject({
      lastSeq: produced,
      degraded: null,
      reason: null,
      droppedOverBudget: 1200,
    });
  });
});

describe('events sent while a sync is under way, on a fake clock', () => {
  /** Live at seq 1; a heartbeat naming seq 5 then asks for a resume after 1. */
  async function resyncing(answer: Scripted['answer']) {
    const clock = new FakeClock(Date.UTC(2026, 10, 26, 12, 3, 10));
    const { site, hub, close } = await hubOnScriptedSiteAt(clock, {
      staleAfterMs: 3000,
      downAfterMs: 30_000,
      reconnect: { initialDelayMs: 1000, maxDelayMs: 6000 },
      budgets: { ...DEFAULT_BUDGETS, maxEventsPerSecond: 500, windowSeconds: 2 },
    });
    cleanup = close;
    await waitFor('live', () => stateOf(hub, 's')?.state === 'live');
    site.socket().emit('events', batch(1, 1));
    await waitFor('seq 1', () => stateOf(hub, 's')?.lastSeq === 1);
    site.answer = answer;
    site.socket().emit('heartbeat', { stream: STREAM, seq: 5, at: 5 });
    return { clock, site, hub };
  }

  /** 3,000 events in order, seq 2 to 3001, in batches of 1,000: 1,500/s over 2 s. */
  const push = (socket: Parameters<Scripted['answer']>[1]) => {
    for (let from = 2; from <= 3001; from += 1000) socket.emit('events', batch(from, from + 999));
  };

  it('a site that never answers the resync but keeps sending is paused over its events/s budget', async () => {
    const { clock, site, hub } = await resyncing((_request, socket) => {
      push(socket);
      return null;
    });
    await waitFor('the events', () => stateOf(hub, 's')?.lastSeq === 3001);
    clock.advance(5000); // the resync's deadline: none of it was a replay the site owned up to
    const degraded =
      'sent 1,500 events/s over 2 s, over the budget of 500/s: paused, retrying in 2 s';
    await waitFor('degraded', () => stateOf(hub, 's')?.degraded === degraded);
    await waitFor('dropped', () => site.disconnections === 1);
    expect(stateOf(hub, 's')).toMatchObject({ state: 'stale', reason: degraded });
    expect(site.syncs).toHaveLength(2); // no snapshot asked after the pause began
  });

  it('a site that never answers its first sync but keeps sending is paused the same way', async () => {
    const clock = new FakeClock(Date.UTC(2026, 10, 26, 12, 3, 10));
    const { site, hub, close } = await hubOnScriptedSiteAt(
      clock,
      {
        staleAfterMs: 3000,
        downAfterMs: 30_000,
        reconnect: { initialDelayMs: 1000, maxDelayMs: 6000 },
        budgets: { ...DEFAULT_BUDGETS, maxEventsPerSecond: 500, windowSeconds: 2 },
      },
      (s) => {
        s.answer = () => null;
      },
    );
    cleanup = close;
    await waitFor('the sync', () => site.syncs.length === 1);
    /** One message, seen by the hub once its time is the last message's. */
    const send = async (message: () => void) => {
      clock.advance(100);
      message();
      await waitFor('the message', () => stateOf(hub, 's')?.lastMessageAt === clock.now());
    };
    await send(() => {
      push(site.socket());
    });
    // The heartbeat behind them says every batch has arrived.
    await send(() => site.socket().emit('heartbeat', { stream: STREAM, seq: 3001, at: 1 }));
    clock.advance(4800); // the handshake's deadline
    const degraded =
      'sent 1,500 events/s over 2 s, over the budget of 500/s: paused, retrying in 2 s';
    await waitFor('degraded', () => stateOf(hub, 's')?.degraded === degraded);
    await waitFor('dropped', () => site.disconnections === 1);
  });

  it('a reply claiming more replayed than the seqs it answers for does not cover the rest', async () => {
    const { site, hub } = await resyncing((_request, socket) => {
      push(socket);
      return { mode: 'replay', replayed: 1_000_000, seq: 2 }; // at most 1 replayed (seq 2)
    });
    const degraded =
      'sent 1,500 events/s over 2 s, over the budget of 500/s: paused, retrying in 2 s';
    await waitFor('degraded', () => stateOf(hub, 's')?.degraded === degraded);
    await waitFor('dropped', () => site.disconnections === 1);
    expect(stateOf(hub, 's')).toMatchObject({ lastSeq: 3001 });
  });

  it('an honest replay of the same size is not counted: live at once', async () => {
    const { site, hub } = await resyncing((_request, socket) => {
      push(socket);
      return { mode: 'replay', replayed: 3000, seq: 3001 };
    });
    await waitFor('live at seq 3001', () => {
      const health = stateOf(hub, 's');
      return health?.state === 'live' && health.lastSeq === 3001;
    });
    expect(stateOf(hub, 's')).toMatchObject({ degraded: null, reason: null, resyncs: 1 });
    expect(site.disconnections).toBe(0);
  });
});
