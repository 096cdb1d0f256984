/**
 * A small RFC 4180 reader for tests: what a spreadsheet would see in each cell. Records end in
 * CRLF; a quoted field may hold commas, quotes (doubled) and line breaks.
 */
export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  let i = 0;
  while (i < text.length) {
    const c = text.charAt(i);
    const next = text.charAt(i + 1);
    if (quoted && c === '"' && next === '"') {
      field += '"';
      i += 2;
      continue;
    }
    if (c === '"') {
      quoted = !quoted;
    } else if (!quoted && c === ',') {
      record.push(field);
      field = '';
    } else if (!quoted && c === '\r' && next === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      i++;
    } else {
      field += c;
    }
    i++;
  }
  return records;
}
