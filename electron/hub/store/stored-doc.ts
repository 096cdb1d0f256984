import type { z } from 'zod';

/**
 * A JSON document the hub wrote into the store (an outbox action, a maintenance window, an SLA
 * incident), read back through its schema: null when the text is not JSON or no longer fits
 * (the file can be edited, or written by an older version), so the caller skips the row rather
 * than failing the start.
 */
export function readStoredDoc<S extends z.ZodType>(schema: S, text: string): z.output<S> | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  const parsed = schema.safeParse(value);
  return parsed.success ? parsed.data : null;
}
