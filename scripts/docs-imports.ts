// npm run docs:imports — writes the import rules table into docs/architecture.md (between its
// markers) from eslint/import-rules.js, the table the lint rule enforces.
import { readFileSync, writeFileSync } from 'node:fs';
import { formattedImportTable, withImportTable } from '../eslint/import-table.js';

const DOC = 'docs/architecture.md';

const doc = readFileSync(DOC, 'utf8');
const next = withImportTable(doc, await formattedImportTable(DOC));
if (next === doc) console.log(`${DOC}: the import table is up to date`);
else {
  writeFileSync(DOC, next);
  console.log(`${DOC}: import table written`);
}
