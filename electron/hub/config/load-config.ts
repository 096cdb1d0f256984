import { DEFAULT_POSTURE } from '../alerts/posture-watch.js';
import { readFile } from 'node:fs/promises';
import { dirname, extname, resolve } from 'node:path';
import { parseDocument } from 'yaml';
import { describeIssues, formatPath } from '../../../shared/protocol/errors.js';
import { HubConfigFile } from './config-schema.js';
import { HolidaySeedError, seedHolidays } from './seed-holidays.js';
import type { HubOptions, SiteLinkConfig, TechnicianCredential } from './hub-options.js';
import { MIN_TOKEN_LENGTH } from './token-rules.js';

/** A config problem, always naming the file and, when there is one, the field. */
export class ConfigError extends Error {
  constructor(
    readonly file: string,
    readonly field: string | null,
    detail: string,
  ) {
    super(field ? `${file}: ${field}: ${detail}` : `${file}: ${detail}`);
    this.name = 'ConfigError';
  }
}

/** Reads a YAML (.yaml/.yml) or JSON (.json) hub config and resolves tokens and CA files. */
export async function loadHubConfig(
  file: string,
  env: Readonly<Record<string, string | undefined>> = process.env,
  /** The moment the config is read: the years holidays are seeded for (seed-holidays.ts). */
  now: Date = new Date(),
): Promise<HubOptions> {
  const text = await readFile(file, 'utf8').catch((error: unknown) => {
    throw new ConfigError(file, null, `cannot read the file (${errorCode(error)})`);
  });
  const raw = seeded(file, parseText(file, text), now);
  const parsed = HubConfigFile.safeParse(raw ?? {});
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    const field = first ? fieldPath(first.path) : null;
    throw new ConfigError(file, field, first?.message ?? describeIssues(parsed.error));
  }
  const config = parsed.data;
  const sites = await Promise.all(
    config.sites.map((site, index) => resolveSite(file, index, site, env)),
  );
  const technicians = config.technicians.map((technician, index) =>
    resolveTechnician(file, index, technician, env),
  );
  return {
    ...(config.technician === undefined ? {} : { technician: config.technician }),
    technicians,
    maintenance: config.maintenance,
    sla: config.sla,
    notifications: config.notifications,
    displays: config.displays,
    proactive: {
      sampleMs: config.alerts.trendSampleMinutes * 60_000,
      windowMs: config.alerts.trendHours * 3_600_000,
      warnWithinMs: config.alerts.diskFullWarnDays * 86_400_000,
      memoryWarnWithinMs: config.alerts.memoryFullWarnDays * 86_400_000,
    },
    posture: {
      ...DEFAULT_POSTURE,
      enabled: config.alerts.posture,
      backupMaxAgeMs: config.alerts.backupMaxAgeHours * 3_600_000,
      criticalPatchesAtLeast: config.alerts.criticalPatchesAtLeast,
    },
    checks: {
      dedupeWindowMs: config.alerts.dedupeWindowMinutes * 60_000,
      flap: { high: config.alerts.flapHighPercent, low: config.alerts.flapLowPercent },
      flapSampleMs: config.alerts.flapSampleSeconds * 1000,
    },
    staleAfterMs: config.staleAfterSeconds * 1000,
    downAfterMs: config.downAfterSeconds * 1000,
    reconnect: config.reconnect,
    publishIntervalMs: config.publishIntervalMs,
    budgets: config.budgets,
    clockSkewMs: config.clockSkewSeconds * 1000,
    siteDownShare: config.siteDownShare,
    retention: {
      rawEventsMs: config.retention.rawEventsHours * 3_600_000,
      minuteRollupsMs: config.retention.minuteRollupsDays * 86_400_000,
      hourRollupsMs: config.retention.hourRollupsDays * 86_400_000,
      alertHistoryMs: config.retention.alertHistoryDays * 86_400_000,
    },
    sites,
  };
}

function parseText(file: string, text: string): unknown {
  if (extname(file).toLowerCase() === '.json') {
    try {
      return JSON.parse(text) as unknown;
    } catch (error) {
      throw new ConfigError(file, null, `invalid JSON: ${(error as Error).message}`);
    }
  }
  const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  const problem = doc.errors[0];
  if (problem) {
    const at = problem.linePos?.[0];
    const where = at ? `line ${at.line}, column ${at.col}: ` : '';
    // prettyErrors appends " at line…" and a code frame; keep the sentence, say where once.
    const sentence = (problem.message.split('\n')[0] ?? '').replace(
      / at line \d+, column \d+:?$/,
      '',
    );
    throw new ConfigError(file, null, `invalid YAML: ${where}${sentence}`);
  }
  try {
    return doc.toJS() as unknown;
  } catch (error) {
    // e.g. "Excessive alias count": a document that expands to far more than it says.
    throw new ConfigError(file, null, `invalid YAML: ${(error as Error).message}`);
  }
}

/**
 * A technician's token, from the environment: missing, or too short to stand up to guessing over
 * a network, is a config error naming the field. Tokens must differ: a token names one person.
 */
function resolveTechnician(
  file: string,
  index: number,
  technician: HubConfigFile['technicians'][number],
  env: Readonly<Record<string, string | undefined>>,
): TechnicianCredential {
  const field = `technicians[${index}].tokenEnv`;
  const token = env[technician.tokenEnv];
  if (!token) {
    throw new ConfigError(file, field, `environment variable ${technician.tokenEnv} is not set`);
  }
  if (token.length < MIN_TOKEN_LENGTH) {
    throw new ConfigError(
      file,
      field,
      `the token in ${technician.tokenEnv} is too short: use at least ${MIN_TOKEN_LENGTH} characters (e.g. openssl rand -hex 16)`,
    );
  }
  return { name: technician.name, token };
}

async function resolveSite(
  file: string,
  index: number,
  site: HubConfigFile['sites'][number],
  env: Readonly<Record<string, string | undefined>>,
): Promise<SiteLinkConfig> {
  const at = `sites[${index}]`;
  let token = site.token;
  if (site.tokenEnv !== undefined) {
    token = env[site.tokenEnv];
    if (!token) {
      throw new ConfigError(
        file,
        `${at}.tokenEnv`,
        `environment variable ${site.tokenEnv} is not set`,
      );
    }
  }
  const resolved: SiteLinkConfig = {
    id: site.id,
    customer: site.customer,
    url: site.url,
    token: token ?? '',
    ...(site.name === undefined ? {} : { name: site.name }),
  };
  const caFile = site.tls?.caFile;
  if (caFile === undefined) return resolved;
  const caPath = resolve(dirname(file), caFile);
  const ca = await readFile(caPath, 'utf8').catch((error: unknown) => {
    throw new ConfigError(file, `${at}.tls.caFile`, `cannot read ${caPath} (${errorCode(error)})`);
  });
  if (!ca.includes('-----BEGIN CERTIFICATE-----')) {
    throw new ConfigError(file, `${at}.tls.caFile`, `${caPath} holds no PEM certificate`);
  }
  return { ...resolved, ca };
}

/** The raw config with its SLA calendars' `holidaysFrom` expanded (seed-holidays.ts). */
function seeded(file: string, raw: unknown, now: Date): unknown {
  try {
    return seedHolidays(raw, now);
  } catch (error) {
    if (error instanceof HolidaySeedError) throw new ConfigError(file, error.field, error.detail);
    throw error;
  }
}

function fieldPath(path: readonly PropertyKey[]): string {
  return path.length === 0 ? '(top level)' : formatPath(path);
}

function errorCode(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return code ?? String(error);
}
