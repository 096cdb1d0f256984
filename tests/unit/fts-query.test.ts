import { DatabaseSync } from 'node:sqlite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ftsQuery, MAX_SEARCH_TERMS } from '../../electron/hub/store/fts-query.js';

/** A real FTS5 table (node:sqlite has FTS5 compiled in): the expression must parse and match. */
let db: DatabaseSync;

beforeAll(() => {
  db = new DatabaseSync(':memory:');
  db.exec('CREATE VIRTUAL TABLE alerts USING fts5(title)');
  const insert = db.prepare('INSERT INTO alerts (title) VALUES (?)');
  for (const title of [
    'Core switch down',
    'Disk 95% full on "FS01"',
    'OR gate firmware * warning',
    'NEAR(site) unreachable',
    'backup: job failed',
    'Printer 3 offline',
  ]) {
    insert.run(title);
  }
});

afterAll(() => {
  db.close();
});

function search(text: string): string[] {
  const query = ftsQuery(text);
  if (query === null) return [];
  return db
    .prepare('SELECT title FROM alerts WHERE alerts MATCH ? ORDER BY rowid')
    .all(query)
    .map((row) => String(row.title));
}

describe('ftsQuery', () => {
  it('finds by word prefixes, every word required, in any case', () => {
    expect(search('core sw')).toEqual(['Core switch down']);
    expect(search('DISK full')).toEqual(['Disk 95% full on "FS01"']);
    expect(search('core printer')).toEqual([]);
  });

  it('searches for quotes, stars, operators and column filters as text, never a syntax error', () => {
    for (const text of [
      '"',
      '""',
      '*',
      'OR',
      'AND',
      'NOT',
      'NEAR(',
      'NEAR(site',
      '-x',
      'title:',
      'backup:',
      '(',
      ')',
      '^',
      '+',
      '"unclosed',
      "'",
      'a OR b',
    ]) {
      expect(() => search(text), text).not.toThrow();
    }
    for (const text of ['a\u0000b', '\u0000', 'core \u0000']) {
      expect(() => search(text), JSON.stringify(text)).not.toThrow();
    }
    expect(search('core\u0000sw')).toEqual(['Core switch down']);
    expect(search('"FS01"')).toEqual(['Disk 95% full on "FS01"']);
    expect(search('OR gate')).toEqual(['OR gate firmware * warning']);
    expect(search('NEAR(site)')).toEqual(['NEAR(site) unreachable']);
    expect(search('backup:')).toEqual(['backup: job failed']);
  });

  it('has nothing to search for in blank text, and refuses more words than it can search', () => {
    expect(ftsQuery('')).toBeNull();
    expect(ftsQuery(' \t\n')).toBeNull();
    const many = Array.from({ length: MAX_SEARCH_TERMS + 1 }, (_, i) => `w${i}`).join(' ');
    expect(() => ftsQuery(many)).toThrow(/at most 32/);
    expect(ftsQuery(many.split(' ').slice(1).join(' '))).not.toBeNull();
  });
});
