import type { Device } from '../shared/protocol/device.js';
import type { Rng } from './rng.js';
import { isInfrastructure } from './topology.js';

/**
 * Which devices fail and recover on which tick. The world asks once per tick; everything else
 * (unknown children, alerts, status) follows from these decisions.
 */

export const SCENARIOS = ['calm', 'storm', 'flapping', 'outage', 'restart'] as const;
export type Scenario = (typeof SCENARIOS)[number];

export interface ScenarioOptions {
  /** storm: the tick on which the gateway fails (default 5). */
  readonly stormAtTick?: number;
  /** storm: how many ticks the gateway stays down (default 30). */
  readonly stormTicks?: number;
  /** flapping: how many devices toggle (default 2). */
  readonly flappers?: number;
  /** Chance per tick that a healthy host fails on its own (default 0.0003: rare). */
  readonly failureRate?: number;
}

export interface FailureStep {
  readonly fail: readonly string[];
  readonly recover: readonly string[];
}

export class FailurePlan {
  private readonly recoverAt = new Map<string, number>();
  private readonly flappers = new Map<string, number>();
  private readonly hosts: readonly string[];
  private readonly gatewayId: string | null;
  private readonly stormAt: number;
  private readonly stormTicks: number;
  private readonly failureRate: number;

  constructor(
    private readonly scenario: Scenario,
    devices: readonly Device[],
    private readonly rng: Rng,
    options: ScenarioOptions = {},
    /** The tick the plan starts at (a restored world starts again at 0). */
    startTick = 0,
  ) {
    this.hosts = devices.filter((d) => !isInfrastructure(d.kind)).map((d) => d.id);
    this.gatewayId =
      (devices.find((d) => d.kind === 'gateway') ?? devices.find((d) => d.parentId === null))?.id ??
      null;
    this.stormAt = options.stormAtTick ?? 5;
    this.stormTicks = options.stormTicks ?? 30;
    this.failureRate = options.failureRate ?? 0.0003;
    if (scenario === 'flapping') {
      // Leaves only: a flapping switch would be a storm, not flapping.
      const leaves = devices.filter((d) => ['server', 'workstation', 'printer'].includes(d.kind));
      const count = Math.min(options.flappers ?? 2, leaves.length);
      for (let i = 0; i < count; i++) {
        const pick = this.rng.pick(leaves.filter((d) => !this.flappers.has(d.id)));
        this.flappers.set(pick.id, startTick + this.rng.int(1, 3));
      }
    }
  }

  /** Device ids that toggle in the flapping scenario. */
  get flapping(): readonly string[] {
    return [...this.flappers.keys()];
  }

  /** A device that was already down when the world was restored comes back after a while. */
  adoptFailed(id: string, tick: number): void {
    if (!this.flappers.has(id)) this.recoverAt.set(id, tick + this.rng.int(3, 20));
  }

  step(tick: number, isFailed: (id: string) => boolean): FailureStep {
    const fail: string[] = [];
    const recover: string[] = [];

    if (this.scenario === 'storm' && this.gatewayId !== null) {
      if (tick === this.stormAt) fail.push(this.gatewayId);
      if (tick === this.stormAt + this.stormTicks) recover.push(this.gatewayId);
    }

    for (const [id, due] of this.flappers) {
      if (tick < due) continue;
      (isFailed(id) ? recover : fail).push(id);
      this.flappers.set(id, tick + this.rng.int(1, 3));
    }

    for (const [id, due] of this.recoverAt) {
      if (tick < due) continue;
      this.recoverAt.delete(id);
      if (isFailed(id)) recover.push(id);
    }

    // One draw per host per tick whatever its state, so the sequence depends only on the seed.
    for (const id of this.hosts) {
      const unlucky = this.rng.chance(this.failureRate);
      if (!unlucky || this.flappers.has(id) || isFailed(id) || this.recoverAt.has(id)) continue;
      fail.push(id);
      this.recoverAt.set(id, tick + this.rng.int(5, 40));
    }
    return { fail, recover };
  }
}
