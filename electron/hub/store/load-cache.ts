import type { DatabaseSync } from 'node:sqlite';
import type { z } from 'zod';
import { Alert } from '../../../shared/protocol/alert.js';
import { Device } from '../../../shared/protocol/device.js';
import { Hello } from '../../../shared/protocol/messages.js';

/** What the store holds of one site: the hub starts from it before the site answers. */
export interface StoredSite {
  readonly siteId: string;
  readonly hello: Hello | null;
  /** Where the stored data is in the site's stream: the hub resumes from here. */
  readonly stream: string;
  readonly seq: number;
  /** When the data was last current (hub clock), for the board's ages; null if unknown. */
  readonly dataAt: number | null;
  readonly devices: readonly Device[];
  readonly alerts: readonly Alert[];
  /** Stored rows that did not read as what they should be (damaged): left out, counted. */
  readonly unreadable: number;
}

/**
 * Reads the stored state of the given sites. Only a site with a stored stream position is
 * returned: without one its rows may be half of an interrupted snapshot. Every row is checked
 * against the same schemas as the site's messages, so a damaged row is left out, not shown.
 */
export function loadCache(db: DatabaseSync, siteIds: readonly string[]): Map<string, StoredSite> {
  const streams = db.prepare(
    'SELECT s.stream, s.last_seq, s.data_at, sites.hello FROM site_streams s JOIN sites ON sites.id = s.site_id WHERE s.site_id = ?',
  );
  const devices = db.prepare('SELECT doc FROM devices WHERE site_id = ?');
  const alerts = db.prepare(
    // Newest first: over the site's budget of open alerts, the newest are the ones kept. The
    // site's alerts only: the hub's own ("hub:…") are closed at start (closeHubAlerts) and raised
    // again by their watchers when still true.
    `SELECT doc FROM alerts WHERE site_id = ? AND cleared_at IS NULL
       AND substr(id, 1, 4) <> 'hub:' ORDER BY raised_at DESC`,
  );
  const cache = new Map<string, StoredSite>();
  for (const siteId of siteIds) {
    const position = streams.get(siteId);
    if (position === undefined) continue;
    let unreadable = 0;
    const read = <T>(schema: z.ZodType<T>, text: unknown): T | null => {
      const value = parseDoc(schema, text);
      if (value === null) unreadable++;
      return value;
    };
    const docs = <T>(schema: z.ZodType<T>, rows: Record<string, unknown>[]): T[] =>
      rows.map((row) => read(schema, row.doc)).filter((value) => value !== null);
    const hello = position.hello === null ? null : read(Hello, position.hello);
    const stored = {
      devices: docs(Device, devices.all(siteId)),
      alerts: docs(Alert, alerts.all(siteId)),
    };
    cache.set(siteId, {
      siteId,
      hello,
      stream: String(position.stream),
      seq: Number(position.last_seq),
      dataAt: position.data_at === null ? null : Number(position.data_at),
      ...stored,
      unreadable,
    });
  }
  return cache;
}

function parseDoc<T>(schema: z.ZodType<T>, text: unknown): T | null {
  if (typeof text !== 'string') return null;
  try {
    const parsed = schema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
