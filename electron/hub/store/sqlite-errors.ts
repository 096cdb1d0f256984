/**
 * SQLite's primary result codes the store acts on (https://sqlite.org/rescode.html). node:sqlite
 * puts the extended code in `errcode`; its low byte is the primary one.
 */
const BUSY = 5;
const IOERR = 10;
const CORRUPT = 11;
const FULL = 13;
const NOTADB = 26;

function primaryCode(error: unknown): number | null {
  if (!(error instanceof Error) || !('errcode' in error)) return null;
  return Number(error.errcode) % 256;
}

/** Another connection holds the lock. */
export function isBusy(error: unknown): boolean {
  return primaryCode(error) === BUSY;
}

/** The file is damaged, or not a database at all: only moving it aside helps. */
export function isDamaged(error: unknown): boolean {
  const code = primaryCode(error);
  return code === CORRUPT || code === NOTADB;
}

/** The disk (or the file's size limit) is full. */
export function isFull(error: unknown): boolean {
  return primaryCode(error) === FULL;
}

/** The disk or a lock: a later try may succeed. */
export function isTransient(error: unknown): boolean {
  const code = primaryCode(error);
  return code === FULL || code === IOERR || code === BUSY;
}
