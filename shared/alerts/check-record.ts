import { z } from 'zod';
import { Severity, type Alert } from '../protocol/alert.js';
import { Id, Timestamp } from '../protocol/primitives.js';
import {
  DEFAULT_FLAP_THRESHOLDS,
  NEW_FLAP_RECORD,
  recordState,
  type FlapRecord,
  type FlapThresholds,
} from './flapping.js';

/**
 * What the hub remembers of one check of one device (its "device and check"), across the site's
 * alerts on it: how often it was raised again (dedupe: one line with a counter, not a new alert
 * each time) and whether it is flapping (the Nagios method, flapping.ts). A flapping check stays
 * one flapping line while it settles, even while its alert is momentarily clear. The same shape
 * on the bridge and in the page.
 */

export const CheckRecord = z.strictObject({
  siteId: Id,
  /** `${deviceId}/${check}` (or `/${check}` for the site as a whole). */
  key: z.string().min(1).max(400),
  deviceId: Id.nullable(),
  check: z.string().min(1).max(200),
  /** Times raised since the check was last quiet for the dedupe window (1 the first time). */
  raises: z.int().nonnegative(),
  /** When the first of those raises came (hub clock). */
  firstRaisedAt: Timestamp,
  /** When it last changed (raised or cleared; hub clock). */
  changedAt: Timestamp,
  /** The site's open alert on it now; null while clear. */
  alertId: Id.nullable(),
  /** The alert's latest title and severity (kept while clear, for the flapping line). */
  title: z.string().max(500),
  severity: Severity,
  flapPercent: z.number().min(0).max(100),
  flapping: z.boolean(),
});
export type CheckRecord = z.infer<typeof CheckRecord>;

export interface CheckOptions {
  /** A check quiet (clear) this long starts counting raises from 1 again (default 1 h). */
  readonly dedupeWindowMs: number;
  readonly flap: FlapThresholds;
  /**
   * How often a tracked check's state is recorded when nothing changes (default 60 s): Nagios
   * records a state at every check, so a check that settles stops flapping; the hub sees only
   * changes, and samples in between as if it checked.
   */
  readonly flapSampleMs: number;
}

export const DEFAULT_CHECK_OPTIONS: CheckOptions = {
  dedupeWindowMs: 3_600_000,
  flap: DEFAULT_FLAP_THRESHOLDS,
  flapSampleMs: 60_000,
};

export function checkKey(deviceId: string | null, check: string): string {
  return `${deviceId ?? ''}/${check}`;
}

/** A record's flap states, kept beside it (the bridge carries only the percentage). */
export interface TrackedCheck {
  readonly record: CheckRecord;
  readonly flap: FlapRecord;
  /** The latest alert raised on the check (its timeline gets the check's flapping notes). */
  readonly lastAlertId: string;
}

/** The check after its alert was raised (or seen open for the first time) at `at`. */
export function checkRaised(
  tracked: TrackedCheck | undefined,
  siteId: string,
  alert: Alert,
  at: number,
  options: CheckOptions = DEFAULT_CHECK_OPTIONS,
): TrackedCheck {
  const quiet =
    tracked === undefined ||
    (tracked.record.alertId === null && at - tracked.record.changedAt >= options.dedupeWindowMs);
  const flap = recordState(tracked?.flap ?? NEW_FLAP_RECORD, true, options.flap);
  const record: CheckRecord = {
    siteId,
    key: checkKey(alert.deviceId, alert.check),
    deviceId: alert.deviceId,
    check: alert.check,
    raises: quiet ? 1 : tracked.record.raises + 1,
    firstRaisedAt: quiet ? at : tracked.record.firstRaisedAt,
    changedAt: at,
    alertId: alert.id,
    title: alert.title,
    severity: alert.severity,
    flapPercent: flap.percent,
    flapping: flap.flapping,
  };
  return { record, flap, lastAlertId: alert.id };
}

/** The check after its alert cleared at `at`. */
export function checkCleared(
  tracked: TrackedCheck,
  at: number,
  options: CheckOptions = DEFAULT_CHECK_OPTIONS,
): TrackedCheck {
  const flap = recordState(tracked.flap, false, options.flap);
  return {
    ...tracked,
    flap,
    record: {
      ...tracked.record,
      alertId: null,
      changedAt: at,
      flapPercent: flap.percent,
      flapping: flap.flapping,
    },
  };
}

/** A sample of the check's unchanged state (see CheckOptions.flapSampleMs). */
export function checkSampled(
  tracked: TrackedCheck,
  options: CheckOptions = DEFAULT_CHECK_OPTIONS,
): TrackedCheck {
  const flap = recordState(tracked.flap, tracked.record.alertId !== null, options.flap);
  const { record } = tracked;
  if (flap.percent === record.flapPercent && flap.flapping === record.flapping) {
    return { ...tracked, flap };
  }
  return {
    ...tracked,
    flap,
    record: { ...record, flapPercent: flap.percent, flapping: flap.flapping },
  };
}

/** The open alert changed (title, severity): the record follows, counts unchanged. */
export function checkUpdated(tracked: TrackedCheck, alert: Alert): TrackedCheck {
  const { record } = tracked;
  if (record.title === alert.title && record.severity === alert.severity) return tracked;
  return { ...tracked, record: { ...record, title: alert.title, severity: alert.severity } };
}

/**
 * Whether the page needs to hear of it: a check raised more than once, or flapping. A check
 * raised once and cleared is the common case and costs the bridge nothing.
 */
export function worthShowing(record: CheckRecord): boolean {
  return record.raises > 1 || record.flapping;
}
