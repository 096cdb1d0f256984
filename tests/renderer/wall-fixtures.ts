import { cleanup } from '@testing-library/react';
import { afterEach, beforeEach, vi } from 'vitest';
import { setRenderProbe } from '../../renderer/src/debug/render-probe.js';
import { planWall, type WallPlan } from '../../renderer/src/layout/wall-layout.js';
import { wallUnit } from '../../renderer/src/layout/wall-metrics.js';
import type { FleetSnapshot } from '../../shared/bridge/fleet-view.js';
import type { DeviceStatus } from '../../shared/protocol/device.js';
import { content, device, site, snapshot, T0 } from './fleet-fixtures.js';

/**
 * What the big-wall tests share (wall-canvas*.test.tsx, wall-overflow.test.tsx): fleets of many
 * sites, the plan WallView makes in happy-dom's 1024×768 window, and a recording ResizeObserver.
 */

/** Fake timers from T0 and a clean page before each test; everything stubbed undone after. */
export function installWallTestHooks(): void {
  beforeEach(() => {
    vi.useFakeTimers({ now: T0 });
    window.location.hash = '';
  });
  afterEach(() => {
    setRenderProbe(null);
    cleanup();
    vi.unstubAllGlobals();
    vi.restoreAllMocks();
    vi.useRealTimers();
  });
}

export const pad = (n: number, width: number) => String(n).padStart(width, '0');

/**
 * `sites` sites of `devices` devices each, all up but for the devices named in `statuses`.
 * Site ids sort by name in their index order (s000, s001, …).
 */
export function fleetOf(
  sites: number,
  devices: number,
  statuses: Readonly<Record<string, DeviceStatus>> = {},
  version = 10,
): FleetSnapshot {
  const ids = Array.from({ length: sites }, (_, i) => `s${pad(i, 3)}`);
  return snapshot(
    version,
    ids.map((id) => site(id)),
    ids.map((id) =>
      content(
        id,
        Array.from({ length: devices }, (_, d) => {
          const deviceId = `${id}-d${pad(d, 3)}`;
          return device(deviceId, { status: statuses[deviceId] ?? 'up' });
        }),
      ),
    ),
  );
}

/** What WallView plans in this window: happy-dom has no layout, so it takes the viewport. */
export function expectedPlan(siteIds: readonly string[], devices: number): WallPlan {
  const { innerWidth: width, innerHeight: height } = window;
  return planWall(
    width,
    height,
    wallUnit(width, height),
    siteIds.map((id) => ({ id, devices })),
  );
}

/** A ResizeObserver that records what it observed and whether it was let go. */
export class RecordingObserver {
  static readonly all: RecordingObserver[] = [];
  readonly observed: Element[] = [];
  disconnected = false;
  constructor(readonly callback: ResizeObserverCallback) {
    RecordingObserver.all.push(this);
  }
  observe(target: Element): void {
    this.observed.push(target);
  }
  unobserve(): void {
    /* not used by the wall */
  }
  disconnect(): void {
    this.disconnected = true;
  }
}
