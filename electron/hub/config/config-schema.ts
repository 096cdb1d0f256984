import { z } from 'zod';
import { CheckedMaintenanceWindow } from '../alerts/maintenance-recurrence.js';
import { DisplaysConfig } from '../../../shared/displays/display-layout.js';
import { checkConfig } from './config-checks.js';
import { DEFAULT_NOTIFY_CONFIG, NotifyConfig } from '../../../shared/notify/notify-config.js';
import { SlaConfig } from '../../../shared/sla/contract.js';
import { MAX_WINDOWS } from '../alerts/maintenance-schedule.js';
import { DEFAULT_RETENTION } from '../store/retention.js';
import { MAX_SNAPSHOT_ITEMS } from '../../../shared/protocol/messages.js';
import { DEFAULT_BUDGETS, DEFAULT_CLOCK_SKEW_MS, DEFAULT_SITE_DOWN_SHARE } from './hub-options.js';

const SITE_ID = /^[a-z0-9][a-z0-9_-]{0,63}$/;

/** socket.io would read a path as a namespace; credentials do not belong in a URL either. */
function isOrigin(url: string): boolean {
  const parsed = new URL(url);
  return (
    parsed.pathname === '/' &&
    parsed.search === '' &&
    parsed.hash === '' &&
    parsed.username === '' &&
    parsed.password === ''
  );
}

export const TlsConfig = z.strictObject({
  /** A PEM file of the CA that signed the site's certificate, relative to the config file. */
  caFile: z.string().min(1).optional(),
});

export const SiteConfig = z
  .strictObject({
    id: z.string().regex(SITE_ID, 'use 1-64 lowercase letters, digits, "-" or "_"'),
    name: z.string().min(1).max(200).optional(),
    customer: z.string().min(1).max(200),
    url: z
      .url({ protocol: /^(https?|wss?)$/, error: 'expected an http(s):// or ws(s):// URL' })
      .refine(isOrigin, {
        error: "give the site's origin only (scheme://host:port): no path, query or credentials",
      }),
    // A site's handshake refuses longer tokens, so say so here rather than at every connect.
    token: z.string().min(1).max(4096).optional(),
    /** Name of an environment variable holding the token, so the file holds no secret. */
    tokenEnv: z
      .string()
      .regex(/^[A-Za-z_][A-Za-z0-9_]*$/)
      .optional(),
    tls: TlsConfig.optional(),
  })
  .refine((s) => (s.token === undefined) !== (s.tokenEnv === undefined), {
    error: 'give exactly one of "token" or "tokenEnv"',
    path: ['token'],
  });

const SNAPSHOT_CAP_NOTE = `at most ${MAX_SNAPSHOT_ITEMS.toLocaleString('en-US')}: a site cannot resend more in a snapshot`;

/**
 * What one site may make the hub hold and process (see SiteBudgets). Each field defaults on its
 * own, so a file can set just the one it needs.
 */
export const BudgetsConfig = z.strictObject({
  // Above the snapshot cap the hub would hold devices a resync could never confirm or remove.
  maxDevices: z
    .int()
    .min(1)
    .max(MAX_SNAPSHOT_ITEMS, { error: SNAPSHOT_CAP_NOTE })
    .default(DEFAULT_BUDGETS.maxDevices),
  maxOpenAlerts: z
    .int()
    .min(1)
    .max(MAX_SNAPSHOT_ITEMS, { error: SNAPSHOT_CAP_NOTE })
    .default(DEFAULT_BUDGETS.maxOpenAlerts),
  maxEventsPerSecond: z.int().min(10).max(1_000_000).default(DEFAULT_BUDGETS.maxEventsPerSecond),
  maxBytesPerSecond: z
    .int()
    .min(64 * 1024)
    .max(2 ** 30)
    .default(DEFAULT_BUDGETS.maxBytesPerSecond),
  windowSeconds: z.int().min(1).max(300).default(DEFAULT_BUDGETS.windowSeconds),
});

const RETENTION_DEFAULTS = {
  rawEventsHours: DEFAULT_RETENTION.rawEventsMs / 3_600_000,
  minuteRollupsDays: DEFAULT_RETENTION.minuteRollupsMs / 86_400_000,
  hourRollupsDays: DEFAULT_RETENTION.hourRollupsMs / 86_400_000,
  alertHistoryDays: DEFAULT_RETENTION.alertHistoryMs / 86_400_000,
};

export const RetentionConfig = z.strictObject({
  /** Raw device events (upserts, removes, metric samples). */
  rawEventsHours: z
    .number()
    .positive()
    .max(24 * 3650)
    .default(RETENTION_DEFAULTS.rawEventsHours),
  minuteRollupsDays: z.number().positive().max(3650).default(RETENTION_DEFAULTS.minuteRollupsDays),
  hourRollupsDays: z.number().positive().max(3650).default(RETENTION_DEFAULTS.hourRollupsDays),
  /** Alert timelines, and alerts cleared longer ago. */
  alertHistoryDays: z.number().positive().max(3650).default(RETENTION_DEFAULTS.alertHistoryDays),
});

/**
 * A technician who may act from a browser (`serve`): the token comes from an environment
 * variable, so the file holds no secret. Checked when the config loads (see load-config.ts).
 */
export const TechnicianConfig = z.strictObject({
  name: z.string().trim().min(1).max(200),
  tokenEnv: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'expected an environment variable name'),
});

/** How alerts are deduplicated and when a check counts as flapping (docs/alerts.md). */
export const AlertsConfig = z
  .strictObject({
    /** A check clear this long counts its next raise as the first again. */
    dedupeWindowMinutes: z.number().positive().max(10_080).default(60),
    /** Flapping starts at or above this weighted share of state changes (Nagios method). */
    flapHighPercent: z.number().min(0).max(100).default(20),
    /** ...and stops at or below this one. */
    flapLowPercent: z.number().min(0).max(100).default(5),
    /** How often a check's unchanged state counts as checked again. */
    flapSampleSeconds: z.number().min(1).max(3600).default(60),
    /** Warn when a disk is predicted full within this many days. */
    diskFullWarnDays: z.number().positive().max(365).default(7),
    /** The disk trend is fitted over this many hours of readings... */
    trendHours: z
      .number()
      .positive()
      .max(24 * 30)
      .default(24),
    /** ...read every this many minutes. */
    trendSampleMinutes: z
      .number()
      .positive()
      .max(24 * 60)
      .default(15),
    /** Warn when memory is predicted exhausted within this many days (a leak). */
    memoryFullWarnDays: z.number().positive().max(365).default(3),
    /** False: no security-posture alerts (EDR, antivirus, backups, patches). */
    posture: z.boolean().default(true),
    /** A last good backup older than this many hours is a finding. */
    backupMaxAgeHours: z
      .number()
      .positive()
      .max(24 * 365)
      .default(48),
    /** This many pending critical patches or more on a device is a finding. */
    criticalPatchesAtLeast: z.int().min(1).max(10_000).default(1),
  })
  .refine((a) => a.flapLowPercent < a.flapHighPercent, {
    path: ['flapLowPercent'],
    error: 'must be below alerts.flapHighPercent',
  })
  // A trend needs four readings in its window, and keeps at most 1,000.
  .refine((a) => (a.trendHours * 60) / a.trendSampleMinutes >= 3, {
    path: ['trendHours'],
    error: 'must hold at least four readings: at least 3 × alerts.trendSampleMinutes',
  })
  .refine((a) => (a.trendHours * 60) / a.trendSampleMinutes <= 999, {
    path: ['trendSampleMinutes'],
    error: 'too often for alerts.trendHours: at most 1,000 readings in the window',
  });

export const HubConfigShape = z.strictObject({
  alerts: AlertsConfig.default({
    dedupeWindowMinutes: 60,
    flapHighPercent: 20,
    flapLowPercent: 5,
    flapSampleSeconds: 60,
    diskFullWarnDays: 7,
    trendHours: 24,
    trendSampleMinutes: 15,
    memoryFullWarnDays: 3,
    posture: true,
    backupMaxAgeHours: 48,
    criticalPatchesAtLeast: 1,
  }),
  /** Who acts from this desktop (default: the operating system's user name). */
  technician: z.string().trim().min(1).max(200).optional(),
  /** Who may act from a browser on `serve`, each with a token of their own. */
  technicians: z.array(TechnicianConfig).max(500).default([]),
  /** Planned maintenance windows (docs/alerts.md). */
  maintenance: z.array(CheckedMaintenanceWindow).max(MAX_WINDOWS).default([]),
  /** SLA contracts per customer (docs/sla.md). */
  sla: SlaConfig.default({ contracts: [], defaultTerms: null }),
  /** Which events become notices, how storms are coalesced, quiet hours (docs/notifications.md). */
  notifications: NotifyConfig.default(DEFAULT_NOTIFY_CONFIG),
  /** What each screen of the wall shows: playlists and alarms (docs/displays.md). */
  displays: DisplaysConfig.default([]),
  staleAfterSeconds: z.number().positive().max(3600).default(15),
  downAfterSeconds: z.number().positive().max(86_400).default(60),
  /** How often windows get a coalesced update. */
  publishIntervalMs: z.int().min(50).max(2000).default(200),
  reconnect: z
    .strictObject({
      initialDelayMs: z.int().min(10).max(60_000).default(500),
      maxDelayMs: z.int().min(100).max(600_000).default(30_000),
    })
    .default({ initialDelayMs: 500, maxDelayMs: 30_000 }),
  budgets: BudgetsConfig.default({ ...DEFAULT_BUDGETS }),
  /** How far a site's timestamps may run ahead of the hub's clock before they are flagged. */
  clockSkewSeconds: z
    .number()
    .min(0)
    .max(86_400)
    .default(DEFAULT_CLOCK_SKEW_MS / 1000),
  /** More than this share (0–1) of a site's devices down and the wall calls the site down. */
  siteDownShare: z.number().min(0).max(1).default(DEFAULT_SITE_DOWN_SHARE),
  /** How long the store keeps each kind of row (docs/storage.md). */
  retention: RetentionConfig.default({ ...RETENTION_DEFAULTS }),
  sites: z.array(SiteConfig).max(2000).default([]),
});

/** The config file's fields, before the checks across them (config-checks.ts). */
export type HubConfigShape = z.infer<typeof HubConfigShape>;

export const HubConfigFile = HubConfigShape.superRefine(checkConfig);
export type HubConfigFile = z.infer<typeof HubConfigFile>;
