import type { Severity } from '../protocol/alert.js';
import type { SecurityPosture } from '../protocol/device.js';

/**
 * Security posture as the hub judges it: which of a device's reported facts are findings, and
 * how bad. Pure; `now` is passed in. The rules (docs/alerts.md):
 * - EDR or antivirus `disabled`: average (turning protection off is what an intruder does first,
 *   yet below an outage's high and disaster on the wall); `degraded`: warning; `absent` raises nothing (a product the customer has not bought is a
 *   sales question, not an incident).
 * - A last good backup older than the allowed age: warning. A device that has never had one is
 *   not backed up by design (no backup product), like `absent`: nothing.
 * - Critical patches pending, at least the configured count: information (patch Tuesday puts
 *   most of a fleet here for days: listed, never shouting).
 * The hub groups each finding per site (electron/hub/alerts/posture-watch.ts).
 */

export const POSTURE_FINDINGS = [
  'edr-disabled',
  'antivirus-disabled',
  'edr-degraded',
  'antivirus-degraded',
  'backup-old',
  'patches-pending',
] as const;
export type PostureFinding = (typeof POSTURE_FINDINGS)[number];

export interface PostureRules {
  /** A last good backup older than this is a finding (default 48 h). */
  readonly backupMaxAgeMs: number;
  /** This many pending critical patches or more is a finding (default 1). */
  readonly criticalPatchesAtLeast: number;
}

export const DEFAULT_POSTURE_RULES: PostureRules = {
  backupMaxAgeMs: 48 * 3_600_000,
  criticalPatchesAtLeast: 1,
};

/** How each finding is named and how bad it is. */
export const FINDING_INFO: Record<PostureFinding, { severity: Severity; what: string }> = {
  'edr-disabled': { severity: 'average', what: 'EDR disabled' },
  'antivirus-disabled': { severity: 'average', what: 'Antivirus disabled' },
  'edr-degraded': { severity: 'warning', what: 'EDR degraded' },
  'antivirus-degraded': { severity: 'warning', what: 'Antivirus degraded' },
  'backup-old': { severity: 'warning', what: 'No recent backup' },
  'patches-pending': { severity: 'information', what: 'Critical patches pending' },
};

/** One finding on one device, with what is particular to it ("3 pending"). */
export interface DeviceFinding {
  readonly finding: PostureFinding;
  /** Said after the device's name in the alert's detail; empty when there is nothing more. */
  readonly note: string;
}

function isoMinute(at: number): string {
  return new Date(at).toISOString().slice(0, 16).replace('T', ' ');
}

/** The findings in a device's posture at `now`, in POSTURE_FINDINGS order. */
export function postureFindings(
  security: SecurityPosture,
  now: number,
  rules: PostureRules = DEFAULT_POSTURE_RULES,
): DeviceFinding[] {
  const found: DeviceFinding[] = [];
  if (security.edr === 'disabled') found.push({ finding: 'edr-disabled', note: '' });
  if (security.antivirus === 'disabled') found.push({ finding: 'antivirus-disabled', note: '' });
  if (security.edr === 'degraded') found.push({ finding: 'edr-degraded', note: '' });
  if (security.antivirus === 'degraded') found.push({ finding: 'antivirus-degraded', note: '' });
  const last = security.lastBackupAt;
  if (last !== null && now - last > rules.backupMaxAgeMs) {
    found.push({ finding: 'backup-old', note: `last ${isoMinute(last)} UTC` });
  }
  const patches = security.pendingCriticalPatches;
  if (patches > 0 && patches >= rules.criticalPatchesAtLeast) {
    found.push({ finding: 'patches-pending', note: `${patches}` });
  }
  return found;
}

export interface FoundOn {
  readonly name: string;
  readonly note: string;
}

const TITLE_NAMES = 3;
const DETAIL_NAMES = 50;
/** A name is cut to this in a title, so three fit in the protocol's 500 characters. */
const TITLE_NAME_CHARS = 60;
const DETAIL_MAX = 4000;

/** At most `max` UTF-16 units, "…" at the end when cut, never half a surrogate pair. */
function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  const end = /[\uD800-\uDBFF]/.test(text.charAt(max - 2)) ? max - 2 : max - 1;
  return `${text.slice(0, end)}…`;
}

function describeAge(ms: number): string {
  const hours = ms / 3_600_000;
  return hours < 48 ? `${Math.round(hours)} h` : `${Math.round(hours / 24)} days`;
}

/** Devices a finding's alert names, at most (its detail). */
export const NAMED_DEVICES = DETAIL_NAMES;

/**
 * The first `count` devices by name, in order, without sorting them all: a patch Tuesday's
 * finding at a 10,000-device site is described on every change, and a full sort each time cost
 * milliseconds.
 */
export function firstByName(devices: Iterable<FoundOn>, count = NAMED_DEVICES): FoundOn[] {
  const out: FoundOn[] = [];
  for (const device of devices) {
    const last = out[out.length - 1];
    if (out.length === count && last !== undefined && device.name >= last.name) continue;
    let low = 0;
    let high = out.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if ((out[middle]?.name ?? '') <= device.name) low = middle + 1;
      else high = middle;
    }
    out.splice(low, 0, device);
    if (out.length > count) out.pop();
  }
  return out;
}

/**
 * One site's finding as one alert's words: "EDR disabled on PC-7", "EDR disabled on 3 devices:
 * PC-7, PC-9, FS01", "… on 37 devices: PC-7, PC-9, FS01 and 34 more"; the detail names up to 50
 * devices with what is particular to each. `devices`: the first by name (firstByName: stable
 * words, no churn) of `total` with the finding.
 */
export function describeFinding(
  finding: PostureFinding,
  devices: readonly FoundOn[],
  rules: PostureRules = DEFAULT_POSTURE_RULES,
  total = devices.length,
): { title: string; detail: string } {
  const { what } = FINDING_INFO[finding];
  const names = devices.slice(0, TITLE_NAMES).map((d) => cut(d.name, TITLE_NAME_CHARS));
  const more = total - names.length;
  const title =
    total === 1
      ? `${what} on ${names[0] ?? ''}`
      : `${what} on ${total} devices: ${names.join(', ')}${more > 0 ? ` and ${more} more` : ''}`;
  const rule =
    finding === 'backup-old'
      ? ` The allowed age is ${describeAge(rules.backupMaxAgeMs)}.`
      : finding === 'patches-pending'
        ? ' In brackets: critical patches pending.'
        : '';
  // Up to 50 devices, as many as fit the protocol's 4,000 characters with room for the rest.
  const listed: string[] = [];
  let length = rule.length + 40;
  for (const device of devices.slice(0, DETAIL_NAMES)) {
    const item = device.note === '' ? device.name : `${device.name} (${device.note})`;
    if (length + item.length + 2 > DETAIL_MAX) break;
    listed.push(item);
    length += item.length + 2;
  }
  const rest = total - listed.length;
  const tail = rest === 0 ? '' : listed.length > 0 ? `, and ${rest} more` : `${rest} devices`;
  const detail = `${listed.join(', ')}${tail}.${rule}`;
  return { title: cut(title, 500), detail: cut(detail, DETAIL_MAX) };
}
