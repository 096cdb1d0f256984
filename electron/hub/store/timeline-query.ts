import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { ActionNoteKind } from '../../../shared/alerts/technician-action.js';
import { ACTION_NOTES } from '../../../shared/alerts/technician-action.js';
import type {
  HistoryTimelineArgs,
  HistoryTimelineResult,
  TimelineEntry,
} from '../../../shared/bridge/history.js';
import { MAX_TIMELINE } from '../../../shared/bridge/history.js';
import { Alert } from '../../../shared/protocol/alert.js';
import { SiteEvent } from '../../../shared/protocol/events.js';
import type { StoreSchema } from './schema.js';

const EMPTY = {
  severity: null,
  title: null,
  ackBy: null,
  ackComment: null,
  actor: null,
  detail: null,
};

/**
 * An alert's timeline, oldest first: what the site sent and what snapshots showed (alert_events),
 * merged with what technicians and the hub did (alert_actions): requested, confirmed, refused,
 * expired. At most MAX_TIMELINE entries, the oldest.
 */
export async function alertTimeline(
  db: Kysely<StoreSchema>,
  args: z.output<typeof HistoryTimelineArgs>,
): Promise<HistoryTimelineResult> {
  const siteRows = await db
    .selectFrom('alert_events')
    .select(['seq', 'at', 'type', 'source', 'doc'])
    .where('site_id', '=', args.siteId)
    .where('alert_id', '=', args.alertId)
    .orderBy('at')
    .orderBy('seq')
    .orderBy('row_id')
    .limit(MAX_TIMELINE + 1)
    .execute();
  const actionRows = await db
    .selectFrom('alert_actions')
    .select(['at', 'what', 'actor', 'source', 'comment', 'detail'])
    .where('site_id', '=', args.siteId)
    .where('alert_id', '=', args.alertId)
    .orderBy('at')
    .orderBy('row_id')
    .limit(MAX_TIMELINE + 1)
    .execute();
  const merged = [
    ...siteRows.map(siteEntry),
    ...actionRows.flatMap((row) => {
      const entry = actionEntry(row);
      return entry ? [entry] : [];
    }),
  ];
  // Stable: at the same instant, the site's entries (listed first) stay ahead.
  merged.sort((a, b) => a.at - b.at);
  return { entries: merged.slice(0, MAX_TIMELINE), truncated: merged.length > MAX_TIMELINE };
}

/**
 * A hub entry's doc (hub-alert-history.ts): the alert as it became, or the reason it closed one
 * itself. Read on its own, as the hub numbers nothing (a site event's schema wants a seq).
 */
const HubEntryDoc = z.object({ alert: Alert.optional(), note: z.string().optional() });

function siteEntry(row: {
  seq: number;
  at: number;
  type: string;
  source: 'site' | 'snapshot' | 'hub';
  doc: string;
}): TimelineEntry {
  const hub = row.source === 'hub';
  const entry: TimelineEntry = {
    ...EMPTY,
    // The hub's entries have no seq of a site's.
    seq: hub ? null : row.seq,
    at: row.at,
    type: row.type === 'alert.clear' || row.type === 'alert.update' ? row.type : 'alert.raise',
    source: row.source,
    actor: hub ? 'hub' : null,
  };
  let parsed: unknown;
  try {
    parsed = JSON.parse(row.doc);
  } catch {
    return entry;
  }
  let alert: Alert | undefined;
  if (hub) {
    const doc = HubEntryDoc.safeParse(parsed);
    if (!doc.success) return entry;
    alert = doc.data.alert;
    if (doc.data.note !== undefined) entry.detail = doc.data.note;
  } else {
    const event = SiteEvent.safeParse(parsed);
    if (event.success && event.data.type !== 'alert.clear' && 'alert' in event.data) {
      alert = event.data.alert;
    }
  }
  if (alert === undefined || entry.type === 'alert.clear') return entry;
  return {
    ...entry,
    severity: alert.severity,
    title: alert.title,
    ackBy: alert.ack?.technician ?? null,
    ackComment: alert.ack?.comment ?? null,
  };
}

function actionEntry(row: {
  at: number;
  what: string;
  actor: string;
  source: 'technician' | 'hub';
  comment: string;
  detail: string | null;
}): TimelineEntry | null {
  // Written by this code; a row edited into something else is left out rather than guessed at.
  if (!(ACTION_NOTES as readonly string[]).includes(row.what)) return null;
  return {
    ...EMPTY,
    seq: null,
    at: row.at,
    type: row.what as ActionNoteKind,
    source: row.source,
    actor: row.actor,
    ackComment: row.comment === '' ? null : row.comment,
    detail: row.detail,
  };
}
