import { describe, expect, it } from 'vitest';
import { Hub } from '../../electron/hub/hub.js';
import { FakeClock } from '../support/fake-clock.js';
import { waitFor } from '../support/wait.js';

// Port 9 (discard) on loopback is closed on these machines: every connect fails at once.
const unreachable = { id: 'gone', customer: 'Nobody', url: 'http://127.0.0.1:9', token: 't' };

describe('Hub on an injected clock', () => {
  it('derives connecting then down from fake time, and retries on the backoff schedule', async () => {
    const clock = new FakeClock();
    const hub = new Hub(
      {
        staleAfterMs: 10_000,
        downAfterMs: 30_000,
        reconnect: { initialDelayMs: 1000, maxDelayMs: 8000 },
        sites: [unreachable],
      },
      { clock, random: () => 1 },
    );
    hub.start();
    expect(hub.health()[0]).toMatchObject({ state: 'connecting', lastEventAgeMs: null });
    // The first attempt fails for real; the retry then waits on the fake clock.
    await waitFor('first failure', () => hub.health()[0]?.reason?.match(/^websocket error/));
    expect(hub.health()[0]?.reconnects).toBe(0);
    clock.advance(999);
    expect(hub.health()[0]?.reconnects).toBe(0);
    clock.advance(1);
    expect(hub.health()[0]?.reconnects).toBe(1);
    clock.advance(30_000);
    expect(hub.health()[0]).toMatchObject({ state: 'down' });
    expect(hub.health()[0]?.reason).toMatch(/^no data within 30 s; /);
    hub.dispose();
  });

  it('leaves no timer, socket or listener behind on dispose', async () => {
    const clock = new FakeClock();
    const hub = new Hub(
      {
        staleAfterMs: 1000,
        downAfterMs: 3000,
        reconnect: { initialDelayMs: 100, maxDelayMs: 400 },
        sites: [unreachable, { ...unreachable, id: 'gone-2' }],
      },
      { clock },
    );
    const unsubscribe = hub.fleet.subscribe(() => undefined);
    hub.start();
    await waitFor('both failed once', () => hub.health().every((h) => h.reason !== null));
    expect(clock.pendingCount).toBeGreaterThan(0);
    expect(hub.openResources).toBeGreaterThan(0);
    hub.dispose();
    unsubscribe();
    expect(clock.pendingCount).toBe(0);
    expect(hub.openResources).toBe(0);
    expect(hub.fleet.listenerCount).toBe(0);
    const version = hub.fleet.version;
    clock.advance(60_000);
    expect(hub.fleet.version).toBe(version); // nothing runs after dispose
  });
});
