import type { ConnectionState } from '../../../shared/fleet/health.js';
import type { SiteRollup } from '../../../shared/fleet/site-rollup.js';
import type { Severity } from '../../../shared/protocol/alert.js';
import type { DeviceStatus, ProtectionState } from '../../../shared/protocol/device.js';

/**
 * Words and shapes for states. Colour (styles.css, keyed by data-status / data-severity) is never
 * the only signal: each state also has its own shape and word, for colour-blind viewers.
 */
export const STATUS_GLYPH: Readonly<Record<DeviceStatus, string>> = {
  up: '●',
  warning: '▲',
  down: '■',
  unknown: '◆',
  maintenance: '⬟',
};

export const STATUS_LABEL: Readonly<Record<DeviceStatus, string>> = {
  up: 'Up',
  warning: 'Warning',
  down: 'Down',
  unknown: 'Unknown',
  maintenance: 'Maintenance',
};

export const SEVERITY_GLYPH: Readonly<Record<Severity, string>> = {
  disaster: '✖',
  high: '■',
  average: '▲',
  warning: '◆',
  information: '●',
  'not-classified': '○',
};

export const SEVERITY_LABEL: Readonly<Record<Severity, string>> = {
  disaster: 'Disaster',
  high: 'High',
  average: 'Average',
  warning: 'Warning',
  information: 'Information',
  'not-classified': 'Not classified',
};

export const STATE_WORD: Readonly<Record<ConnectionState, string>> = {
  live: 'LIVE',
  stale: 'STALE',
  down: 'DOWN',
  connecting: 'CONNECTING',
  refused: 'REFUSED',
};

export const PROTECTION_LABEL: Readonly<Record<ProtectionState, string>> = {
  protected: 'Protected',
  degraded: 'Degraded',
  disabled: 'Disabled',
  absent: 'Absent',
};

/** A site's roll-up (shared/fleet/site-rollup.ts): its own shape and word, coloured by CSS. */
export const ROLLUP_GLYPH: Readonly<Record<SiteRollup, string>> = {
  unreachable: '⊘',
  down: '■',
  degraded: '▲',
  maintenance: '⬟',
  ok: '●',
};

export const ROLLUP_LABEL: Readonly<Record<SiteRollup, string>> = {
  unreachable: 'Unreachable',
  down: 'Down',
  degraded: 'Degraded',
  maintenance: 'Maintenance',
  ok: 'OK',
};
