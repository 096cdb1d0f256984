import { describe, expect, it } from 'vitest';
import type { HistoryAlertRow } from '../../shared/bridge/history.js';
import { csvCell, csvHeader, csvRows, jsonRows } from '../../shared/history/export-format.js';
import { parseCsv } from '../support/csv.js';

const row = (over: Partial<HistoryAlertRow> = {}): HistoryAlertRow => ({
  siteId: 'hq',
  siteName: 'Head office',
  customer: 'Acme',
  id: 'a1',
  deviceId: 'fs01',
  deviceName: 'FS01',
  check: 'disk:/',
  severity: 'high',
  title: 'Disk full',
  detail: '',
  raisedAt: Date.UTC(2026, 11, 1, 9, 30),
  updatedAt: Date.UTC(2026, 11, 1, 9, 30),
  clearedAt: null,
  ackBy: null,
  ...over,
});

describe('history export', () => {
  it('neutralises cells a spreadsheet would run as formulas', () => {
    expect(csvCell('=HYPERLINK("http://evil","click")')).toBe(
      `"'=HYPERLINK(""http://evil"",""click"")"`,
    );
    for (const text of ['+1', '-1+2', '@SUM(A1)', '\tx', '\rx'])
      expect(csvCell(text).includes(`'${text[0]}`)).toBe(true);
    expect(csvCell('Disk 91% full')).toBe('Disk 91% full');
    expect(csvCell('a "quoted", word')).toBe('"a ""quoted"", word"');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
  });

  it('writes RFC 4180 records with CRLF that read back to the same values', () => {
    const rows = [
      row(),
      row({
        id: 'a2',
        title: '=cmd|"/c calc"!A1',
        detail: 'line 1\r\nline 2, "x"',
        clearedAt: Date.UTC(2026, 11, 1, 10),
        ackBy: 'Dana',
      }),
    ];
    const text = csvHeader() + csvRows(rows);
    expect(text.endsWith('\r\n')).toBe(true);
    const [header, first, second] = parseCsv(text);
    expect(header?.slice(0, 5)).toEqual([
      'raised_at',
      'cleared_at',
      'updated_at',
      'severity',
      'state',
    ]);
    expect(first).toEqual([
      '2026-12-01T09:30:00.000Z',
      '',
      '2026-12-01T09:30:00.000Z',
      'high',
      'open',
      'Acme',
      'hq',
      'Head office',
      'fs01',
      'FS01',
      'disk:/',
      'Disk full',
      '',
      '',
      'a1',
    ]);
    expect(second?.[1]).toBe('2026-12-01T10:00:00.000Z');
    expect(second?.[4]).toBe('cleared');
    expect(second?.[11]).toBe(`'=cmd|"/c calc"!A1`);
    expect(second?.[12]).toBe('line 1\r\nline 2, "x"');
    expect(second?.[13]).toBe('Dana');
  });

  it('writes JSON that parses back to the rows, with ISO times beside them', () => {
    const rows = [row(), row({ id: 'a2' })];
    const parsed = JSON.parse(jsonRows(rows)) as (HistoryAlertRow & { raisedAtIso: string })[];
    expect(
      parsed.map(({ raisedAtIso: _, clearedAtIso: __, ...rest }: Record<string, unknown>) => rest),
    ).toEqual(rows);
    expect(parsed[0]?.raisedAtIso).toBe('2026-12-01T09:30:00.000Z');
    expect(JSON.parse(jsonRows([]))).toEqual([]);
  });
});
