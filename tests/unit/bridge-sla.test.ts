import { afterEach, describe, expect, it } from 'vitest';
import { runCommand } from '../../electron/hub/bridge/commands.js';
import { Hub } from '../../electron/hub/hub.js';
import { SETTLE_MS } from '../../electron/hub/sla/incident-book.js';
import { SlaConfig } from '../../shared/sla/contract.js';
import { commandContext } from '../support/command-context.js';
import { FakeClock } from '../support/fake-clock.js';
import { alert, device } from '../support/fleet-fixtures.js';

/** The SLA commands through the bridge's one entry: technicians act, viewers are refused. */

const ALL_DAY = [{ start: '00:00', end: '24:00' }];
const hubs: Hub[] = [];
afterEach(() => {
  for (const hub of hubs.splice(0)) hub.dispose();
});

function rig(planMinutes?: number, tags?: string[]) {
  const clock = new FakeClock(Date.UTC(2026, 11, 7, 10, 0));
  const hub = new Hub(
    {
      staleAfterMs: 1000,
      downAfterMs: 5000,
      reconnect: { initialDelayMs: 100, maxDelayMs: 1000 },
      sites: [{ id: 'hq', customer: 'Acme', url: 'http://127.0.0.1:9', token: 't' }],
      sla: SlaConfig.parse({
        contracts: [
          {
            customer: 'Acme',
            calendar: { timeZone: 'UTC', hours: { mon: ALL_DAY, tue: ALL_DAY } },
            priorities: { high: 'P2' },
            overrides: [{ deviceTag: 'vip', priority: 'P1' }],
            targets: {
              P1: { responseMinutes: 15, resolutionMinutes: 240, allHours: true },
              P2: { responseMinutes: 30, planMinutes, resolutionMinutes: 480 },
            },
          },
        ],
      }),
    },
    { clock },
  );
  hubs.push(hub);
  hub.fleet.replaceSite('hq', {
    stream: 's',
    seq: 1,
    at: clock.now(),
    devices: [device('fs1', tags === undefined ? {} : { tags })],
    alerts: [alert('a1', 'fs1')],
  });
  clock.advance(SETTLE_MS);
  const incident = hub.incidents.list()[0];
  if (!incident) throw new Error('no incident opened');
  const ctx = (technician: string | null) => commandContext(hub, technician);
  return { hub, clock, incident, ctx };
}

describe('the SLA commands', () => {
  it('let a technician pause with the vendor and its ticket, resume, re-prioritise and resolve', async () => {
    const r = rig();
    const pause = {
      incidentId: r.incident.id,
      reason: 'vendor',
      vendor: 'Telekom',
      reference: 'TK-4411',
    };
    const paused = await runCommand('sla.pause', pause, r.ctx('Dana'));
    expect(paused).toMatchObject({
      ok: true,
      value: { pause: { vendor: 'Telekom', reference: 'TK-4411', by: 'Dana' } },
    });
    expect(r.hub.fleet.site('hq')?.incidents.get(r.incident.id)?.pause?.by).toBe('Dana');
    const again = await runCommand('sla.pause', pause, r.ctx('Dana'));
    expect(again).toMatchObject({ ok: false, error: { code: 'refused' } });
    expect(
      await runCommand('sla.resume', { incidentId: r.incident.id }, r.ctx('Dana')),
    ).toMatchObject({
      ok: true,
      value: { pause: null },
    });
    const p3 = await runCommand(
      'sla.priority',
      { incidentId: r.incident.id, priority: 'P3', reason: 'less urgent' },
      r.ctx('Dana'),
    );
    expect(p3).toMatchObject({ ok: false, error: { code: 'refused' } });
    expect(JSON.stringify(p3)).toContain('the contract has no targets for P3');
    expect(
      await runCommand('sla.resolve', { incidentId: r.incident.id }, r.ctx('Dana')),
    ).toMatchObject({
      ok: true,
    });
  });

  it('refuses a viewer, a vendor pause without the vendor, and an unknown incident, saying why', async () => {
    const r = rig();
    const viewer = await runCommand(
      'sla.pause',
      { incidentId: r.incident.id, reason: 'customer' },
      r.ctx(null),
    );
    expect(viewer).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const noVendor = await runCommand(
      'sla.pause',
      { incidentId: r.incident.id, reason: 'vendor', vendor: ' ' },
      r.ctx('Dana'),
    );
    expect(noVendor).toMatchObject({ ok: false, error: { code: 'bad-arguments' } });
    expect(JSON.stringify(noVendor)).toContain('say which vendor the incident waits on');
    const unknown = await runCommand('sla.resume', { incidentId: 'nope' }, r.ctx('Dana'));
    expect(unknown).toMatchObject({
      ok: false,
      error: { code: 'refused', message: 'sla.resume: no incident nope' },
    });
  });

  it('report compliance for a period to anyone, viewers included, and refuse a period that ends first', async () => {
    const r = rig();
    await runCommand('sla.resolve', { incidentId: r.incident.id }, r.ctx('Dana'));
    const from = r.incident.openedAt - 1000;
    const report = await runCommand('sla.compliance', { from, to: from + 86_400_000 }, r.ctx(null));
    expect(report).toMatchObject({
      ok: true,
      value: { rows: [{ customer: 'Acme', incidents: 1, resolved: 1, resolvedWithinTarget: 1 }] },
    });
    const backwards = await runCommand('sla.compliance', { from, to: from - 1 }, r.ctx(null));
    expect(backwards).toMatchObject({ ok: false, error: { code: 'bad-arguments' } });
    expect(JSON.stringify(backwards)).toContain('must be after from');
  });

  it('let a technician record the plan where the priority has a plan target: its clock stops', async () => {
    const r = rig(120);
    r.clock.advance(20 * 60_000);
    const empty = await runCommand(
      'sla.plan',
      { incidentId: r.incident.id, plan: '  ' },
      r.ctx('Dana'),
    );
    expect(empty).toMatchObject({ ok: false, error: { code: 'bad-arguments' } });
    expect(JSON.stringify(empty)).toContain('say what the plan is');
    const viewer = await runCommand(
      'sla.plan',
      { incidentId: r.incident.id, plan: 'replace the PSU' },
      r.ctx(null),
    );
    expect(viewer).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const planned = await runCommand(
      'sla.plan',
      { incidentId: r.incident.id, plan: 'replace the PSU by 14:00' },
      r.ctx('Dana'),
    );
    expect(planned).toMatchObject({ ok: true, value: { plannedBy: 'Dana' } });
    const held = r.hub.fleet.site('hq')?.incidents.get(r.incident.id);
    // All the time since the incident opened (its alert's raise), in a 24-hour calendar.
    expect(held?.plan).toMatchObject({
      accruedMs: r.clock.now() - r.incident.openedAt,
      stoppedAt: r.clock.now(),
    });
  });

  it("opens at the priority a device tag's override gives (site protocol 1.2)", () => {
    expect(rig(undefined, ['VIP']).incident.priority).toBe('P1');
    expect(rig(undefined, ['finance']).incident.priority).toBe('P2');
  });

  it('refuses a plan for an incident whose priority has no plan target, saying why', async () => {
    const r = rig();
    expect(r.incident.plan).toBeNull();
    expect(
      await runCommand('sla.plan', { incidentId: r.incident.id, plan: 'x' }, r.ctx('Dana')),
    ).toEqual({
      ok: false,
      error: {
        code: 'refused',
        message: `sla.plan: incident ${r.incident.id} has no plan target: the contract's P2 has none`,
      },
    });
  });

  it("give anyone an incident's timeline, oldest first: who did what, and when", async () => {
    const r = rig(120);
    await runCommand(
      'sla.pause',
      { incidentId: r.incident.id, reason: 'vendor', vendor: 'Telekom', reference: 'TK-1' },
      r.ctx('Dana'),
    );
    r.clock.advance(60_000);
    await runCommand('sla.resume', { incidentId: r.incident.id }, r.ctx('Dana'));
    await runCommand('sla.plan', { incidentId: r.incident.id, plan: 'swap the PSU' }, r.ctx('Ola'));
    const timeline = await runCommand('sla.timeline', { incidentId: r.incident.id }, r.ctx(null));
    expect(timeline.ok).toBe(true);
    if (!timeline.ok) return;
    const value = timeline.value as { lines: { what: string; actor: string; detail: string }[] };
    expect(value.lines.map((line) => [line.what, line.actor])).toEqual([
      ['opened', 'hub'],
      ['paused', 'Dana'],
      ['resumed', 'Dana'],
      ['planned', 'Ola'],
    ]);
    expect(value.lines[1]?.detail).toBe('waiting on Telekom (ticket TK-1)');
    expect(value.lines[3]?.detail).toBe('swap the PSU');
  });
});
