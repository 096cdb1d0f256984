import { describe, expect, it } from 'vitest';
import { DEFAULT_BUDGETS } from '../../electron/hub/config/hub-options.js';
import { loadHubConfig } from '../../electron/hub/config/load-config.js';
import { DEFAULT_RETENTION } from '../../electron/hub/store/retention.js';
import { errorOf, file } from './config-files.js';

describe('loadHubConfig, section by section', () => {
  it('reads the notifications section over its defaults, naming the field of a bad one', async () => {
    const site = 'sites:\n  - { id: a, customer: A, url: https://x:1, token: t }\n';
    const plain = await loadHubConfig(file('notify0.yaml', site));
    expect(plain.notifications).toMatchObject({
      enabled: true,
      rules: [{ minSeverity: 'high', events: ['alerts', 'sla'] }],
      groupWaitSeconds: 5,
      groupIntervalSeconds: 60,
      maxPerMinute: 3,
      quietHours: null,
    });
    const set = await loadHubConfig(
      file(
        'notify1.yaml',
        `${site}notifications:\n  quietHours: { from: "22:00", to: "07:00", timeZone: Europe/Paris }\n  rules: [{ customers: [A], minSeverity: warning }]\n`,
      ),
    );
    expect(set.notifications?.quietHours).toEqual({
      from: '22:00',
      to: '07:00',
      timeZone: 'Europe/Paris',
      allowSeverity: 'disaster',
    });
    const path = file(
      'notify2.yaml',
      `${site}notifications:\n  quietHours: { from: "24:00", to: "07:00", timeZone: UTC }\n`,
    );
    const error = await errorOf(path);
    expect(error.field).toBe('notifications.quietHours.from');
    expect(error.message).toContain('expected a time of day as HH:MM');
  });

  it('reads the screens of a wall, naming the field of a site or customer no site has', async () => {
    const site = 'sites:\n  - { id: a, customer: Acme, url: https://x:1, token: t }\n';
    const good = await loadHubConfig(
      file(
        'screens0.yaml',
        `${site}displays:\n  - { display: 1, playlist: [{ show: { view: wall, customers: [Acme] } }, { show: { view: site, siteId: a } }] }\n`,
      ),
    );
    expect(good.displays?.[0]?.playlist.map((entry) => entry.show.view)).toEqual(['wall', 'site']);
    const badCustomer = await errorOf(
      file(
        'screens1.yaml',
        `${site}displays:\n  - { display: 1, playlist: [{ show: { view: wall, customers: [Acme Corp] } }] }\n`,
      ),
    );
    expect(badCustomer.field).toBe('displays[0].playlist[0].show.customers');
    expect(badCustomer.message).toContain('no site has the customer "Acme Corp"');
    const badSite = await errorOf(
      file(
        'screens2.yaml',
        `${site}displays:\n  - display: 2\n    timeZone: UTC\n    playlist: [{ show: { view: wall } }]\n    schedules: [{ from: "22:00", to: "06:00", playlist: [{ show: { view: site, siteId: b } }] }]\n`,
      ),
    );
    expect(badSite.field).toBe('displays[0].schedules[0].playlist[0].show.siteId');
    const twice = await errorOf(
      file(
        'screens3.yaml',
        `${site}displays:\n  - { display: 1, playlist: [{ show: { view: sla } }] }\n  - { display: 1, playlist: [{ show: { view: alerts } }] }\n`,
      ),
    );
    expect(twice.message).toContain('display 1 is listed twice');
    const two = `${site}  - { id: b, customer: Globex, url: https://y:1, token: t }\n`;
    const empty = await errorOf(
      file(
        'screens4.yaml',
        `${two}displays:\n  - { display: 1, playlist: [{ show: { view: wall, customers: [Acme], sites: [b] } }] }\n`,
      ),
    );
    expect(empty.field).toBe('displays[0].playlist[0].show.sites');
    expect(empty.message).toContain('the view would be empty');
    // The SLA board and the alert list of part of the fleet are checked the same way.
    const nobody = await errorOf(
      file(
        'screens5.yaml',
        `${site}displays:
  - { display: 1, playlist: [{ show: { view: sla, customers: [Initech] } }] }
`,
      ),
    );
    expect(nobody.field).toBe('displays[0].playlist[0].show.customers');
    expect(nobody.message).toContain('no site has the customer "Initech"');
  });

  it('reads the desktop technician and the serve technicians, tokens from the environment', async () => {
    const path = file(
      'technicians.yaml',
      'technician: Dana Whitfield\ntechnicians:\n  - { name: Sam Ortiz, tokenEnv: SAM_TOKEN }\n',
    );
    const options = await loadHubConfig(path, { SAM_TOKEN: 'sam-0123456789abcdef' });
    expect(options.technician).toBe('Dana Whitfield');
    expect(options.technicians).toEqual([{ name: 'Sam Ortiz', token: 'sam-0123456789abcdef' }]);
    // Not configured: the desktop falls back to the OS user name (see desktopTechnician).
    expect((await loadHubConfig(file('plain.yaml', 'sites: []\n'), {})).technician).toBeUndefined();
  });

  it('names the field of a technician whose token is missing, too short, or listed twice', async () => {
    const one = 'technicians:\n  - { name: Sam, tokenEnv: SAM_TOKEN }\n';
    const unset = await errorOf(file('tech-unset.yaml', one));
    expect(unset.message).toMatch(
      /tech-unset\.yaml: technicians\[0\]\.tokenEnv: environment variable SAM_TOKEN is not set$/,
    );
    const short = await errorOf(file('tech-short.yaml', one), { SAM_TOKEN: 'short' });
    expect(short.message).toMatch(
      /technicians\[0\]\.tokenEnv: the token in SAM_TOKEN is too short: use at least 16 characters/,
    );
    const twice = await errorOf(
      file(
        'tech-twice.yaml',
        'technicians:\n  - { name: Sam, tokenEnv: A }\n  - { name: Sam, tokenEnv: B }\n',
      ),
    );
    expect(twice.message).toMatch(/technicians\[1\]\.name: "Sam" is listed twice/);
    const badEnv = await errorOf(
      file('tech-env.yaml', 'technicians:\n  - { name: Sam, tokenEnv: "not a name" }\n'),
    );
    expect(badEnv.message).toMatch(
      /technicians\[0\]\.tokenEnv: expected an environment variable name/,
    );
  });

  it('reads the dedupe window and the flap thresholds, and refuses them the wrong way round', async () => {
    const path = file(
      'alerts.yaml',
      'alerts:\n  dedupeWindowMinutes: 30\n  flapHighPercent: 30\n  flapLowPercent: 10\n',
    );
    const loaded = await loadHubConfig(path, {});
    expect(loaded.checks).toEqual({
      dedupeWindowMs: 30 * 60_000,
      flap: { high: 30, low: 10 },
      flapSampleMs: 60_000,
    });
    // The proactive warning's defaults: 7 days' notice for a disk, 3 for memory, a 24-hour
    // trend read every 15 minutes; posture findings on, backups allowed 48 h, any critical patch.
    expect(loaded.proactive).toEqual({
      sampleMs: 15 * 60_000,
      windowMs: 24 * 3_600_000,
      warnWithinMs: 7 * 86_400_000,
      memoryWarnWithinMs: 3 * 86_400_000,
    });
    expect(loaded.posture).toEqual({
      enabled: true,
      recheckMs: 5 * 60_000,
      backupMaxAgeMs: 48 * 3_600_000,
      criticalPatchesAtLeast: 1,
    });
    const posture = await loadHubConfig(
      file(
        'posture.yaml',
        'alerts:\n  posture: false\n  backupMaxAgeHours: 24\n  criticalPatchesAtLeast: 3\n  memoryFullWarnDays: 1\n',
      ),
      {},
    );
    expect(posture.posture).toMatchObject({
      enabled: false,
      backupMaxAgeMs: 24 * 3_600_000,
      criticalPatchesAtLeast: 3,
    });
    expect(posture.proactive?.memoryWarnWithinMs).toBe(86_400_000);
    const badPatches = await errorOf(
      file('patches.yaml', 'alerts:\n  criticalPatchesAtLeast: 0\n'),
    );
    expect(badPatches.message).toMatch(/patches\.yaml: alerts\.criticalPatchesAtLeast: /);
    const wrong = await errorOf(file('alerts-wrong.yaml', 'alerts:\n  flapLowPercent: 25\n'));
    expect(wrong.message).toMatch(
      /alerts-wrong\.yaml: alerts\.flapLowPercent: must be below alerts\.flapHighPercent$/,
    );
  });

  it('reads maintenance windows, naming the field of a bad one', async () => {
    const site = 'sites:\n  - { id: hq, customer: A, url: http://h, token: t }\n';
    const good = file(
      'maint.yaml',
      `${site}maintenance:\n  - { id: w1, siteId: hq, deviceIds: [], reason: Patching, timeZone: Europe/Berlin, start: "2026-03-29T02:30", durationMinutes: 60, rrule: "FREQ=WEEKLY;BYDAY=SU" }\n`,
    );
    expect((await loadHubConfig(good, {})).maintenance?.[0]).toMatchObject({
      id: 'w1',
      siteId: 'hq',
    });
    const badRule = await errorOf(
      file(
        'maint-rule.yaml',
        `${site}maintenance:\n  - { id: w1, siteId: hq, deviceIds: [], reason: Patching, timeZone: Europe/Berlin, start: "2026-03-29T02:30", durationMinutes: 60, rrule: "FREQ=HOURLY" }\n`,
      ),
    );
    expect(badRule.message).toMatch(
      /maint-rule\.yaml: maintenance\[0\]\.rrule: a maintenance recurrence repeats whole days/,
    );
    const badSite = await errorOf(
      file(
        'maint-site.yaml',
        `${site}maintenance:\n  - { id: w1, siteId: nowhere, deviceIds: [], reason: Patching, timeZone: UTC, start: "2026-03-29T02:30", durationMinutes: 60 }\n`,
      ),
    );
    expect(badSite.message).toMatch(/maintenance\[0\]\.siteId: no site "nowhere" in sites$/);
  });

  it('reads budgets field by field over the defaults, and the clock skew in seconds', async () => {
    const path = file(
      'budgets.yaml',
      'budgets:\n  maxDevices: 2000\n  windowSeconds: 30\nclockSkewSeconds: 0.5\n',
    );
    const options = await loadHubConfig(path);
    expect(options.budgets).toEqual({ ...DEFAULT_BUDGETS, maxDevices: 2000, windowSeconds: 30 });
    expect(options.clockSkewMs).toBe(500);
    const zero = await loadHubConfig(file('skew0.json', '{"clockSkewSeconds": 0}'));
    expect(zero.clockSkewMs).toBe(0);
    const share = await loadHubConfig(file('share.json', '{"siteDownShare": 0.1}'));
    expect(share.siteDownShare).toBe(0.1);
    await expect(loadHubConfig(file('share2.json', '{"siteDownShare": 2}'))).rejects.toThrow(
      /siteDownShare/,
    );
    // Just enough bytes for two messages of the 32 MiB cap over the window: accepted.
    const headroom = 'budgets: { maxBytesPerSecond: 4194304, windowSeconds: 16 }\n';
    const least = await loadHubConfig(file('headroom.yaml', headroom));
    expect(least.budgets).toMatchObject({ maxBytesPerSecond: 4 * 2 ** 20, windowSeconds: 16 });
  });

  it('reads retention in hours and days over the defaults', async () => {
    const defaults = await loadHubConfig(file('none.json', '{}'));
    expect(defaults.retention).toEqual(DEFAULT_RETENTION);
    const path = file('keep.yaml', 'retention:\n  rawEventsHours: 6\n  alertHistoryDays: 800\n');
    expect((await loadHubConfig(path)).retention).toEqual({
      ...DEFAULT_RETENTION,
      rawEventsMs: 6 * 3_600_000,
      alertHistoryMs: 800 * 86_400_000,
    });
  });

  it('names the file and the field of a budget or skew out of range', async () => {
    const cases: [string, string, RegExp][] = [
      [
        'budgets: { maxDevices: 60000 }',
        'budgets.maxDevices',
        /at most 50,000: a site cannot resend more/,
      ],
      ['budgets: { maxOpenAlerts: 0 }', 'budgets.maxOpenAlerts', />=1/],
      ['budgets: { maxDevices: 1.5 }', 'budgets.maxDevices', /expected int/],
      ['budgets: { maxEventsPerSecond: 5 }', 'budgets.maxEventsPerSecond', />=10/],
      ['budgets: { maxBytesPerSecond: 1000 }', 'budgets.maxBytesPerSecond', />=65536/],
      ['budgets: { windowSeconds: 0 }', 'budgets.windowSeconds', />=1/],
      ['budgets: { maxDevice: 10 }', 'budgets', /maxDevice/],
      ['clockSkewSeconds: -1', 'clockSkewSeconds', />=0/],
      ['retention: { rawEventsHours: 0 }', 'retention.rawEventsHours', />0/],
      ['retention: { minuteRollupsDays: 5000 }', 'retention.minuteRollupsDays', /<=3650/],
      ['retention: { alertDays: 10 }', 'retention', /alertDays/],
      ['clockSkewSeconds: 100000', 'clockSkewSeconds', /<=86400/],
      [
        'budgets: { maxEventsPerSecond: 400 }',
        'budgets.maxEventsPerSecond',
        /times budgets\.windowSeconds \(10\) must allow one full batch of 5,000 events/,
      ],
      [
        'budgets: { maxBytesPerSecond: 1048576, windowSeconds: 30 }',
        'budgets.maxBytesPerSecond',
        /times budgets\.windowSeconds \(30\) must allow 64 MiB: a snapshot near the 32 MiB message cap and what follows it/,
      ],
      // Exactly one message of the cap: a near-cap snapshot plus a few events would pause the
      // link on every connect, so it could never finish syncing.
      [
        'budgets: { maxBytesPerSecond: 2097152, windowSeconds: 16 }',
        'budgets.maxBytesPerSecond',
        /times budgets\.windowSeconds \(16\) must allow 64 MiB/,
      ],
    ];
    for (const [text, field, detail] of cases) {
      const path = file('range.yaml', `${text}\n`);
      const error = await errorOf(path);
      expect(error.field, text).toBe(field);
      expect(error.message, text).toMatch(detail);
      expect(error.message.startsWith(`${path}: ${field}: `), error.message).toBe(true);
    }
  });
});
