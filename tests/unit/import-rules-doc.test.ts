import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  currentImportTable,
  formattedImportTable,
  importTableMarkdown,
  withImportTable,
} from '../../eslint/import-table.js';

const DOC = join(resolve(import.meta.dirname, '../..'), 'docs/architecture.md');

describe('the import rules table in docs/architecture.md', () => {
  it('is exactly what `npm run docs:imports` writes from the lint table', async () => {
    const doc = readFileSync(DOC, 'utf8');
    const inDoc = currentImportTable(doc);
    expect(inDoc, 'docs/architecture.md lost its import-rules markers').not.toBeNull();
    expect(inDoc, 'run `npm run docs:imports`').toBe(await formattedImportTable(DOC));
  });

  it('names every zone, its packages and its lazy-only imports', () => {
    const table = importTableMarkdown();
    expect(table).toContain(
      '| `electron/preload/` | the sandboxed preload | `electron` (exactly `electron`, `electron/renderer`) |',
    );
    expect(table).toContain('`import type` only: `shared/`');
    expect(table).toContain('`simulator/demo-fleet` only from `electron/main/index.ts`');
  });

  it('replaces only what lies between the markers, and refuses a doc without them', async () => {
    const doc = readFileSync(DOC, 'utf8');
    const stale = withImportTable(doc, '| stale |');
    expect(currentImportTable(stale)).toBe('| stale |');
    expect(withImportTable(stale, await formattedImportTable(DOC))).toBe(doc);
    expect(() => withImportTable('# no markers', 'x')).toThrow(/no "<!-- import-rules:start/);
  });
});
