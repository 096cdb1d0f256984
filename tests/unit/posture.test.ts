import { describe, expect, it } from 'vitest';
import {
  DEFAULT_POSTURE_RULES,
  describeFinding,
  firstByName,
  postureFindings,
} from '../../shared/alerts/posture.js';
import type { SecurityPosture } from '../../shared/protocol/device.js';

const HOUR = 3_600_000;
const NOW = Date.UTC(2026, 11, 1, 12, 0);

const clean: SecurityPosture = {
  edr: 'protected',
  antivirus: 'protected',
  pendingCriticalPatches: 0,
  lastBackupAt: NOW - 2 * HOUR,
};

const findings = (change: Partial<SecurityPosture>, rules = DEFAULT_POSTURE_RULES) =>
  postureFindings({ ...clean, ...change }, NOW, rules).map((f) =>
    f.note === '' ? f.finding : `${f.finding} (${f.note})`,
  );

describe('postureFindings', () => {
  it('finds nothing on a protected, patched, backed-up device', () => {
    expect(findings({})).toEqual([]);
  });

  it('finds EDR and antivirus turned off or degraded, and nothing for a product not installed', () => {
    expect(findings({ edr: 'disabled', antivirus: 'degraded' })).toEqual([
      'edr-disabled',
      'antivirus-degraded',
    ]);
    expect(findings({ edr: 'degraded', antivirus: 'disabled' })).toEqual([
      'antivirus-disabled',
      'edr-degraded',
    ]);
    expect(findings({ edr: 'absent', antivirus: 'absent' })).toEqual([]);
  });

  it('finds a backup older than the allowed age; a device never backed up is not a finding', () => {
    expect(findings({ lastBackupAt: NOW - 48 * HOUR })).toEqual([]);
    expect(findings({ lastBackupAt: NOW - 49 * HOUR })).toEqual([
      'backup-old (last 2026-11-29 11:00 UTC)',
    ]);
    expect(findings({ lastBackupAt: null })).toEqual([]);
    const twelveHours = { ...DEFAULT_POSTURE_RULES, backupMaxAgeMs: 12 * HOUR };
    expect(findings({ lastBackupAt: NOW - 13 * HOUR }, twelveHours)).toHaveLength(1);
  });

  it('finds pending critical patches from the configured count', () => {
    expect(findings({ pendingCriticalPatches: 1 })).toEqual(['patches-pending (1)']);
    const atLeastThree = { ...DEFAULT_POSTURE_RULES, criticalPatchesAtLeast: 3 };
    expect(findings({ pendingCriticalPatches: 2 }, atLeastThree)).toEqual([]);
    expect(findings({ pendingCriticalPatches: 3 }, atLeastThree)).toEqual(['patches-pending (3)']);
  });
});

describe('describeFinding', () => {
  const on = (...names: string[]) => names.map((name) => ({ name, note: '' }));

  it('names one device, three, or three and how many more', () => {
    expect(describeFinding('edr-disabled', on('PC-7')).title).toBe('EDR disabled on PC-7');
    expect(describeFinding('edr-disabled', on('FS01', 'PC-7', 'PC-9')).title).toBe(
      'EDR disabled on 3 devices: FS01, PC-7, PC-9',
    );
    const many = on(...Array.from({ length: 37 }, (_, i) => `PC-${String(i).padStart(2, '0')}`));
    const { title, detail } = describeFinding('antivirus-degraded', many);
    expect(title).toBe('Antivirus degraded on 37 devices: PC-00, PC-01, PC-02 and 34 more');
    expect(detail.startsWith('PC-00, PC-01,')).toBe(true);
    expect(detail).toContain('PC-36.');
  });

  it('puts what is particular to each device in the detail, and the rule', () => {
    const { title, detail } = describeFinding('patches-pending', [
      { name: 'PC-7', note: '3' },
      { name: 'PC-9', note: '1' },
    ]);
    expect(title).toBe('Critical patches pending on 2 devices: PC-7, PC-9');
    expect(detail).toBe('PC-7 (3), PC-9 (1). In brackets: critical patches pending.');
    expect(
      describeFinding('backup-old', [{ name: 'FS01', note: 'last 2026-11-29 11:00 UTC' }]),
    ).toEqual({
      title: 'No recent backup on FS01',
      detail: 'FS01 (last 2026-11-29 11:00 UTC). The allowed age is 2 days.',
    });
  });

  it('stays within the protocol’s lengths with long names and thousands of devices', () => {
    const long = Array.from({ length: 5000 }, (_, i) => ({
      name: `${'W'.repeat(200)}${i}`,
      note: '',
    }));
    const { title, detail } = describeFinding('edr-degraded', long);
    expect(title.length).toBeLessThanOrEqual(500);
    expect(title).toMatch(/and 4997 more$/);
    expect(detail.length).toBeLessThanOrEqual(4000);
  });

  it('never cuts a name inside a surrogate pair', () => {
    // 59 letters, then an emoji (two UTF-16 units) across the 60-unit cut.
    const name = `${'a'.repeat(58)}😀😀tail`;
    const { title } = describeFinding('edr-disabled', on(name, 'b', 'c'));
    expect(title).toContain(`${'a'.repeat(58)}…`);
    expect(title).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
  });

  it('takes the first devices by name without sorting them all', () => {
    const names = ['m', 'c', 'x', 'a', 'q', 'b'];
    expect(firstByName(on(...names), 3).map((d) => d.name)).toEqual(['a', 'b', 'c']);
    expect(firstByName(on(...names)).map((d) => d.name)).toEqual(['a', 'b', 'c', 'm', 'q', 'x']);
  });
});
