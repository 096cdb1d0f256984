import type { Alert, AlertAck } from '../shared/protocol/alert.js';
import { severityRank } from '../shared/protocol/alert.js';
import type { Device, DeviceStatus } from '../shared/protocol/device.js';
import type { UnsequencedEvent } from '../shared/protocol/events.js';
import type { SiteModel } from '../shared/site-model/site-model.js';
import { AlertBook } from './alert-book.js';
import { lostChecks, reachableChecks } from './device-checks.js';
import type { DeviceState } from './device-checks.js';
import { createDrift, evolve, jitter, meaningfulChange, settled } from './drift.js';
import { LoadCurve } from './load-curve.js';
import { Rng } from './rng.js';
import { FailurePlan } from './scenarios.js';
import type { Scenario, ScenarioOptions } from './scenarios.js';
import { buildTopology } from './topology.js';

/**
 * One simulated site, as pure state: no I/O and no clock of its own. The caller passes the time
 * of every tick, so the same seed and the same tick times always give the same events.
 */

export interface SiteWorldOptions extends ScenarioOptions {
  readonly siteId: string;
  /** Number of devices, gateway and firewall included. */
  readonly devices: number;
  /** 'outage' and 'restart' behave like 'calm' here; the server acts them out. */
  readonly scenario: Scenario;
  readonly seed: string;
  readonly startAt: number;
  /** IANA zone the office hours follow (default UTC). */
  readonly timeZone?: string;
}

export interface RestoreOptions extends Omit<SiteWorldOptions, 'devices' | 'startAt'> {
  readonly now: number;
  /** Every alert id the site has used, so that new ids never repeat an old one. */
  readonly seenAlertIds?: Iterable<string>;
}

const WARNING_RANK = severityRank('warning');

export class SiteWorld {
  readonly siteId: string;
  private readonly states = new Map<string, DeviceState>();
  private readonly alerts: AlertBook;
  private readonly plan: FailurePlan;
  private readonly rng: Rng;
  private readonly burstRng: Rng;
  /** Draws of manual interventions, kept apart so they never shift the drift's sequence. */
  private readonly manualRng: Rng;
  /** Devices held down by setDeviceDown: the failure plan neither fails nor recovers them. */
  private readonly heldDown = new Set<string>();
  private readonly curve: LoadCurve;
  private ticks = 0;
  private lastAt: number;
  private burstCursor = 0;

  constructor(
    options: SiteWorldOptions,
    restored?: { model: SiteModel; seenAlertIds?: Iterable<string> },
  ) {
    const root = new Rng(options.seed);
    this.siteId = options.siteId;
    this.curve = new LoadCurve(options.timeZone ?? 'UTC');
    this.lastAt = options.startAt;
    const devices = restored
      ? [...restored.model.devices.values()]
      : buildTopology({
          devices: options.devices,
          rng: root.fork('topology'),
          now: options.startAt,
        });
    this.alerts = new AlertBook(restored?.model.alerts.values(), restored?.seenAlertIds);
    this.rng = root.fork('drift');
    this.burstRng = root.fork('burst');
    this.manualRng = root.fork('manual');
    this.plan = new FailurePlan(options.scenario, devices, root.fork('plan'), options);
    const load = this.curve.at(options.startAt);
    for (const topologyDevice of devices) {
      // A restored device continues from its values; a new one starts on the load curve.
      const drift = createDrift(topologyDevice, restored ? load : 0, this.rng);
      const device = restored
        ? topologyDevice
        : { ...topologyDevice, metrics: settled(drift, load) };
      const lost = device.status === 'down' || device.status === 'unknown';
      this.states.set(device.id, {
        device,
        drift,
        failed: device.status === 'down',
        lostAtTick: lost ? 0 : null,
        nodataDelay: 1,
        cpuHighTicks: 0,
      });
      if (device.status === 'down') this.plan.adoptFailed(device.id, 0);
    }
  }

  /** Continues a site from its journal's model (devices that were down come back eventually). */
  static restore(model: SiteModel, options: RestoreOptions): SiteWorld {
    const { now, seenAlertIds, ...rest } = options;
    const restored = seenAlertIds ? { model, seenAlertIds } : { model };
    return new SiteWorld({ ...rest, devices: model.devices.size, startAt: now }, restored);
  }

  get tickCount(): number {
    return this.ticks;
  }

  /** Devices that toggle in the flapping scenario. */
  get flapping(): readonly string[] {
    return this.plan.flapping;
  }

  device(id: string): Device | undefined {
    return this.states.get(id)?.device;
  }

  alert(id: string): Alert | undefined {
    return this.alerts.get(id);
  }

  snapshot(): { devices: Device[]; alerts: Alert[] } {
    return {
      devices: [...this.states.values()].map((s) => s.device),
      alerts: this.alerts.values(),
    };
  }

  /** A device.upsert per device: how a brand-new journal learns the site's inventory. */
  initialEvents(): UnsequencedEvent[] {
    return [...this.states.values()].map((s) => ({ type: 'device.upsert', device: s.device }));
  }

  /** Advances one step to `now` and returns what happened, in the order to apply it. */
  tick(now: number): UnsequencedEvent[] {
    const tick = ++this.ticks;
    const dt = Math.max(0, now - this.lastAt);
    this.lastAt = now;
    const load = this.curve.at(now);

    const step = this.plan.step(tick, (id) => this.states.get(id)?.failed ?? false);
    for (const id of step.fail) this.setFailed(id, true);
    for (const id of step.recover) if (!this.heldDown.has(id)) this.setFailed(id, false);
    return [...this.alerts.expireAcks(now), ...this.assess(now, tick, this.rng, { load, dt })];
  }

  /**
   * Takes a device down (or brings it back) at once, outside the scenario, so a test can watch a
   * known failure cross the whole chain. The same checks as a tick follow (children unknown, ping
   * alerts raised or cleared), without any metric drift. A device held down stays down until
   * released here.
   */
  setDeviceDown(id: string, down: boolean, now: number): UnsequencedEvent[] {
    if (!this.states.has(id)) throw new Error(`${this.siteId}: no device "${id}"`);
    if (down) this.heldDown.add(id);
    else this.heldDown.delete(id);
    this.setFailed(id, down);
    return this.assess(now, this.ticks, this.manualRng, null);
  }

  /** Status and alert checks of every device; metrics walk only on a real tick (`drift`). */
  private assess(
    now: number,
    tick: number,
    rng: Rng,
    drift: { load: number; dt: number } | null,
  ): UnsequencedEvent[] {
    const reach = this.reachability();
    const events: UnsequencedEvent[] = [];
    for (const s of this.states.values()) {
      const id = s.device.id;
      const reachable = reach.get(id) ?? true;
      // Walk even while unreachable: a disk keeps filling whether or not anyone can see it.
      const truth = drift ? evolve(s.drift, drift.load, drift.dt, this.rng) : null;
      const values = truth && reachable ? meaningfulChange(s.device.metrics, truth) : null;
      if (values) {
        s.device = { ...s.device, metrics: { ...s.device.metrics, ...values }, updatedAt: now };
        events.push({ type: 'metric.sample', deviceId: id, values });
      }
      const alertEvents = reachable
        ? reachableChecks(this.alerts, s, now)
        : lostChecks(this.alerts, s, s.failed ? null : this.failedAncestor(s), tick, now, rng);
      const status = this.statusOf(s, reachable);
      if (status !== s.device.status) {
        s.device = { ...s.device, status, updatedAt: now };
        events.push({ type: 'device.upsert', device: s.device });
      }
      events.push(...alertEvents);
    }
    return events;
  }

  /** Sets how fast a device's disk fills (percent per day), for tests of proactive warnings. */
  setDiskFill(id: string, perDay: number): void {
    const state = this.states.get(id);
    if (!state) throw new Error(`${this.siteId}: no device "${id}"`);
    state.drift.diskPerDay = perDay;
  }

  /** Records a technician's acknowledgement; null when no such alert is open. */
  applyAck(alertId: string, ack: AlertAck): UnsequencedEvent | null {
    return this.alerts.update(alertId, { ack }, ack.at);
  }

  /** Withdraws an alert's acknowledgement (protocol 1.1); null when no such alert is open. */
  applyUnack(alertId: string, now: number): UnsequencedEvent | null {
    return this.alerts.update(alertId, { ack: null }, now);
  }

  /** `count` metric samples over the reachable devices, for benchmarks (not tied to ticks). */
  burstSamples(count: number, now: number): UnsequencedEvent[] {
    const reach = this.reachability();
    const live = [...this.states.values()].filter((s) => reach.get(s.device.id) ?? true);
    const out: UnsequencedEvent[] = [];
    for (let i = 0; i < count && live.length > 0; i++) {
      const s = live[this.burstCursor++ % live.length];
      if (!s) break;
      const values = jitter(s.device.metrics, this.burstRng);
      s.device = { ...s.device, metrics: { ...s.device.metrics, ...values }, updatedAt: now };
      out.push({ type: 'metric.sample', deviceId: s.device.id, values });
    }
    return out;
  }

  private setFailed(id: string, failed: boolean): void {
    const s = this.states.get(id);
    if (s) s.failed = failed;
  }

  /** Reachable = not failed and every ancestor reachable; a missing parent counts as reachable. */
  private reachability(): Map<string, boolean> {
    const memo = new Map<string, boolean>();
    const visit = (id: string, depth: number): boolean => {
      const known = memo.get(id);
      if (known !== undefined) return known;
      const s = this.states.get(id);
      if (!s) return true;
      const parent = s.device.parentId;
      // The depth cap makes a cyclic parent chain in a restored model harmless.
      const ok = !s.failed && (parent === null || depth > 64 || visit(parent, depth + 1));
      memo.set(id, ok);
      return ok;
    };
    for (const id of this.states.keys()) visit(id, 0);
    return memo;
  }

  private failedAncestor(s: DeviceState): string | null {
    let parent = s.device.parentId;
    for (let depth = 0; parent !== null && depth < 64; depth++) {
      const p = this.states.get(parent);
      if (!p) return null;
      if (p.failed) return p.device.name;
      parent = p.device.parentId;
    }
    return null;
  }

  private statusOf(s: DeviceState, reachable: boolean): DeviceStatus {
    if (s.failed) return 'down';
    if (!reachable) return 'unknown';
    if (s.device.status === 'maintenance') return 'maintenance';
    return this.alerts.worstRank(s.device.id) >= WARNING_RANK ? 'warning' : 'up';
  }
}
