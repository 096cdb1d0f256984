import { readFileSync } from 'node:fs';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { checkEvent, checkResult } from '../../shared/bridge/check-payload.js';
import { splitObjectCheck } from '../../shared/bridge/zod-guard.js';
import {
  commands,
  type BridgeCommands,
  type BridgeEvents,
  type CommandArgs,
  type CommandResult,
} from '../../shared/bridge/contract.js';
import {
  FleetDelta,
  FleetSnapshot,
  type AppInfo,
  type SiteSummary,
} from '../../shared/bridge/fleet-view.js';
import type { SiteHealth, SiteHealthReport } from '../../shared/fleet/health.js';
import { describeIssues } from '../../shared/protocol/errors.js';
import type { TechnicianAction } from '../../shared/alerts/technician-action.js';
import { runCommand, type CommandContext } from '../../electron/hub/bridge/commands.js';
import { FleetState, initialHealth } from '../../electron/hub/fleet/fleet-state.js';
import { Hub } from '../../electron/hub/hub.js';
import { Publisher } from '../../electron/hub/publisher/publisher.js';
import { VIEWER_COMMANDS } from '../../electron/serve/bridge-socket.js';
import { Journal } from '../../simulator/journal.js';
import { SiteWorld } from '../../simulator/world.js';
import { FakeClock } from '../support/fake-clock.js';

/** Two simulated sites through the hub's real FleetState and Publisher, as a viewer sees them. */
function publishedFleet(ticks: number) {
  const clock = new FakeClock();
  const fleet = new FleetState([
    { id: 'site-a', customer: 'Customer A', name: 'Office A' },
    { id: 'site-b', customer: 'Customer B' },
  ]);
  const publisher = new Publisher(fleet, clock, 200);
  const deltas: unknown[] = [];
  const { snapshot: first } = publisher.subscribe((delta) => deltas.push(delta));
  const worlds = ['site-a', 'site-b'].map((siteId) => {
    const world = new SiteWorld({
      siteId,
      devices: 40,
      seed: `contract-${siteId}`,
      startAt: clock.now(),
      scenario: 'flapping',
      timeZone: 'Europe/Berlin',
    });
    const journal = new Journal({ siteId, clock });
    journal.append(world.initialEvents());
    fleet.setInfo(siteId, {
      siteId,
      name: `Announced ${siteId}`,
      customer: 'ignored',
      timeZone: 'Europe/Berlin',
      protocolVersion: '1.0',
      agentVersion: 'sim',
      stream: journal.stream,
    });
    fleet.replaceSite(siteId, {
      stream: journal.stream,
      seq: 0,
      at: clock.now(),
      ...world.snapshot(),
    });
    return { siteId, world, journal };
  });
  for (let tick = 1; tick <= ticks; tick++) {
    clock.advance(1000);
    for (const { siteId, world, journal } of worlds) {
      const events = journal.append(world.tick(clock.now()));
      fleet.applyEvents(siteId, events);
      // A renamed device: a change beyond the live fields, which the publisher sends whole.
      const renamed = tick % 10 === 0 ? world.snapshot().devices[0] : undefined;
      if (renamed) {
        const upsert = {
          type: 'device.upsert' as const,
          device: { ...renamed, name: `Renamed ${tick}` },
        };
        fleet.applyEvents(siteId, journal.append([upsert]));
      }
      const open = world.snapshot().alerts.find((a) => a.ack === null);
      if (tick % 7 === 0 && open) {
        const ack = world.applyAck(open.id, {
          ackId: `ack-${tick}`,
          technician: 'Dana',
          comment: 'on it',
          at: clock.now(),
        });
        if (ack) fleet.applyEvents(siteId, journal.append([ack]));
      }
    }
    // Health moves through every state, with the reasons and counters a real link sets.
    const states: SiteHealth['state'][] = ['live', 'stale', 'down', 'refused', 'connecting'];
    fleet.setHealth('site-b', {
      ...initialHealth('site-b'),
      state: states[tick % states.length] ?? 'live',
      reason: tick % 2 === 0 ? null : 'no heartbeat for 12 s',
      lastEventAt: clock.now() - 500,
      lastSeq: tick,
      badPayloads: tick,
      lastBadPayload: 'events[0].device.status: Invalid option',
      resyncs: 1,
    });
  }
  publisher.flush();
  const { snapshot: last } = publisher.subscribe(() => undefined);
  return { first, last, deltas };
}

describe('the bridge contract accepts what the hub really sends', () => {
  it('every snapshot and delta the publisher produces passes the schemas', () => {
    const { first, last, deltas } = publishedFleet(60);
    for (const snapshot of [first, last]) {
      const parsed = FleetSnapshot.safeParse(snapshot);
      expect(parsed.success ? 'ok' : describeIssues(parsed.error)).toBe('ok');
    }
    const problems = deltas.flatMap((delta) => {
      const checked = checkEvent('fleet.delta', delta);
      return checked.ok ? [] : [checked.problem];
    });
    expect(problems).toEqual([]);
    // The page's fast check (guards for most fields, zod for the rest) takes every one of them
    // itself, not by falling back to zod, and returns what zod would.
    const fast = splitObjectCheck(FleetDelta);
    for (const delta of deltas) expect(fast(delta)).toStrictEqual(FleetDelta.parse(delta));
    // The run covered what a delta can carry, so the check above covered each shape.
    const parsed = deltas.map((d) => FleetDelta.parse(d));
    expect(parsed.some((d) => d.devicePatches.length > 0)).toBe(true);
    expect(
      parsed.some((d) => d.devices.some((entry) => entry.device.name.startsWith('Renamed'))),
    ).toBe(true);
    expect(parsed.some((d) => d.alerts.some((a) => a.alert.ack !== null))).toBe(true);
    expect(parsed.some((d) => d.removedAlerts.length > 0)).toBe(true);
    expect(parsed.some((d) => d.sites.some((s) => s.health.state === 'refused'))).toBe(true);
    expect(last.contents.every((c) => c.devices.length === 40)).toBe(true);
  });

  it('refuses a delta whose device or device patch lacks a field, naming the field', () => {
    const { deltas, last } = publishedFleet(3);
    const withPatch = deltas
      .map((d) => FleetDelta.parse(d))
      .find((d) => d.devicePatches.length > 0);
    if (!withPatch) throw new Error('no delta with a device patch');
    const [first, ...rest] = withPatch.devicePatches;
    if (!first) throw new Error('no patch');
    const brokenPatch: Record<string, unknown> = { ...first };
    delete brokenPatch.status;
    const patched = checkEvent('fleet.delta', {
      ...withPatch,
      devicePatches: [brokenPatch, ...rest],
    });
    expect(patched.ok).toBe(false);
    if (!patched.ok) expect(patched.problem).toMatch(/^fleet\.delta: devicePatches\[0\]\.status: /);
    // A device sent whole (one the viewers do not hold yet, or a rename) is checked whole.
    const content = last.contents[0];
    const device = content?.devices[0];
    if (!content || !device) throw new Error('no device in the snapshot');
    const broken: Record<string, unknown> = { ...device };
    delete broken.status;
    const whole = checkEvent('fleet.delta', {
      ...withPatch,
      devices: [{ siteId: content.siteId, device: broken }],
    });
    expect(whole.ok).toBe(false);
    if (!whole.ok) expect(whole.problem).toMatch(/^fleet\.delta: devices\[0\]\.device\.status: /);
  });

  it('refuses a field the contract does not know, so a stray one is never passed on unseen', () => {
    const checked = checkEvent('bridge.status', { connected: true, extra: 1 });
    expect(checked.ok).toBe(false);
    const [delta] = publishedFleet(2).deltas;
    const stray = checkEvent('fleet.delta', { ...(delta as object), extra: 1 });
    expect(stray.ok ? 'accepted' : stray.problem).toMatch(/^fleet\.delta: .*extra/);
  });
});

describe('command results as the page checks them', () => {
  const info: AppInfo = {
    version: '1.2.3',
    demo: false,
    host: 'browser',
    thresholds: { staleAfterMs: 10_000, downAfterMs: 30_000 },
    clockSkewMs: 300_000,
    siteDownShare: 0.25,
    technician: null,
  };

  it('passes a valid result and a valid error unchanged', () => {
    expect(checkResult('app.info', { ok: true, value: info })).toEqual({ ok: true, value: info });
    const error = { ok: false, error: { code: 'forbidden', message: 'no' } };
    expect(checkResult('alert.ack', error)).toEqual(error);
  });

  it('turns a result the contract does not allow into a bad-result error naming the field', () => {
    const result = checkResult('app.info', { ok: true, value: { ...info, host: 'tv' } });
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'bad-result',
        message: expect.stringMatching(/^app\.info: result\.value\.host: /) as string,
      },
    });
    expect(checkResult('fleet.subscribe', undefined).ok).toBe(false);
    expect(checkResult('app.reportError', { ok: true, value: { total: -1 } }).ok).toBe(false);
  });
});

describe('app.reportError', () => {
  const context = (reports: unknown[]): CommandContext => ({
    // No site: the command must not touch the hub at all.
    hub: new Hub({
      staleAfterMs: 1000,
      downAfterMs: 5000,
      reconnect: { initialDelayMs: 100, maxDelayMs: 1000 },
      sites: [],
    }),
    info: {
      version: '0',
      demo: false,
      host: 'browser',
      thresholds: { staleAfterMs: 1000, downAfterMs: 5000 },
      clockSkewMs: 300_000,
      siteDownShare: 0.25,
      technician: null,
    },
    history: null,
    technician: null,
    subscribe: () => {
      throw new Error('not used');
    },
    reportError(report) {
      reports.push(report);
      return { total: reports.length };
    },
    allowed: VIEWER_COMMANDS,
  });

  it('is open to read-only viewers and hands the host the checked report', async () => {
    const reports: unknown[] = [];
    const args = { scope: ' tile site-a ', message: 'boom', stack: 'Error: boom\n  at Tile' };
    expect(await runCommand('app.reportError', args, context(reports))).toEqual({
      ok: true,
      value: { total: 1 },
    });
    expect(reports).toEqual([{ ...args, scope: 'tile site-a' }]);
  });

  it('refuses an empty scope and an oversized stack, naming the field', async () => {
    const reports: unknown[] = [];
    const ctx = context(reports);
    const noScope = await runCommand(
      'app.reportError',
      { scope: ' ', message: '', stack: null },
      ctx,
    );
    expect(noScope).toEqual({
      ok: false,
      error: { code: 'bad-arguments', message: 'app.reportError: scope: scope is required' },
    });
    const huge = { scope: 'x', message: 'm', stack: 's'.repeat(8001) };
    const tooBig = await runCommand('app.reportError', huge, ctx);
    expect(tooBig.ok ? '' : tooBig.error.message).toMatch(/^app\.reportError: stack: /);
    expect(reports).toEqual([]);
  });
});

describe('the contract in the type checker (checked by tsc -b)', () => {
  it('infers each command and event type from its schema', () => {
    expectTypeOf<CommandResult<'fleet.subscribe'>>().toEqualTypeOf<FleetSnapshot>();
    expectTypeOf<CommandResult<'alert.ack'>>().toEqualTypeOf<TechnicianAction>();
    // Who acts is the host's to say: the page cannot pass a technician's name.
    expectTypeOf<CommandArgs<'alert.ack'>>().not.toHaveProperty('technician');
    expectTypeOf<CommandResult<'app.info'>>().toEqualTypeOf<AppInfo>();
    expectTypeOf<CommandArgs<'app.reportError'>>().toEqualTypeOf<{
      scope: string;
      message: string;
      stack: string | null;
    }>();
    expectTypeOf<BridgeCommands['app.reportError']['result']>().toEqualTypeOf<{ total: number }>();
    expectTypeOf<BridgeEvents['fleet.delta']>().toEqualTypeOf<FleetDelta>();
    expectTypeOf<SiteSummary['health']>().toEqualTypeOf<SiteHealth>();
    expectTypeOf<SiteHealthReport>().toExtend<SiteHealth>();
    expectTypeOf<keyof BridgeCommands>().toEqualTypeOf<keyof typeof commands>();
  });

  it('keeps the sandboxed preload free of zod: channels.ts imports nothing', () => {
    const source = readFileSync(
      new URL('../../shared/bridge/channels.ts', import.meta.url),
      'utf8',
    );
    expect(source).not.toMatch(/^\s*(import|export .* from)\b/m);
  });
});
