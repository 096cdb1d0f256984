import { useEffect, useState } from 'react';
import type { HistoryAlertRow, TimelineEntry } from '../../../../shared/bridge/history.js';
import { useBridge } from '../../bridge/bridge-context.js';
import { invokeChecked } from '../../bridge/invoke-checked.js';
import { formatDateTime } from '../../history/local-time.js';
import { SeverityBadge } from '../common/SeverityBadge.js';

const WHAT: Readonly<Record<TimelineEntry['type'], string>> = {
  'alert.raise': 'Raised',
  'alert.update': 'Updated',
  'alert.clear': 'Cleared',
  'ack.requested': 'Acknowledgement sent',
  'ack.confirmed': 'Acknowledgement confirmed by the site',
  'ack.refused': 'Acknowledgement refused by the site',
  'unack.requested': 'Acknowledgement withdrawal sent',
  'unack.confirmed': 'Acknowledgement withdrawn',
  'unack.refused': 'Withdrawal refused by the site',
  'ack.expired': 'Acknowledgement expired',
  'ack.lapsed': 'Acknowledgement lapsed',
  'check.flapping': 'Started flapping',
  'check.settled': 'Stopped flapping',
  'alert.folded': 'Folded under a root cause',
  'alert.unfolded': 'On its own again',
  'alert.suppressed': 'Suppressed by maintenance',
  'alert.unsuppressed': 'Maintenance over',
};

type Loaded =
  | { readonly kind: 'loading' }
  | { readonly kind: 'error'; readonly message: string }
  | {
      readonly kind: 'done';
      readonly entries: readonly TimelineEntry[];
      readonly truncated: boolean;
    };

/** One alert's timeline as the site reported it, oldest first. Keyed by the alert (see parent). */
export function AlertTimeline({ row }: { row: HistoryAlertRow }) {
  const bridge = useBridge();
  const [loaded, setLoaded] = useState<Loaded>({ kind: 'loading' });
  useEffect(() => {
    let current = true;
    void invokeChecked(bridge, 'history.timeline', { siteId: row.siteId, alertId: row.id }).then(
      (answer) => {
        if (!current) return;
        setLoaded(
          answer.ok
            ? { kind: 'done', ...answer.value }
            : { kind: 'error', message: answer.error.message },
        );
      },
    );
    return () => {
      current = false;
    };
  }, [bridge, row.siteId, row.id]);

  if (loaded.kind === 'loading') return <p className="muted">Loading the timeline…</p>;
  if (loaded.kind === 'error') return <p role="alert">{loaded.message}</p>;
  return (
    <ol className="alert-timeline" data-testid="alert-timeline">
      {loaded.entries.map((entry, index) => (
        <li key={`${entry.seq}:${index}`} data-type={entry.type}>
          <span className="alert-timeline__time">{formatDateTime(entry.at)}</span>{' '}
          <strong>{WHAT[entry.type]}</strong>
          {entry.severity === null ? null : (
            <>
              {' '}
              <SeverityBadge severity={entry.severity} />
            </>
          )}
          {entry.title === null ? null : <span> {entry.title}</span>}
          {entry.actor === null ? null : <span> by {entry.actor}</span>}
          {entry.actor !== null && entry.ackComment ? <span>: “{entry.ackComment}”</span> : null}
          {entry.detail === null ? null : <span className="muted"> ({entry.detail})</span>}
          {entry.ackBy === null ? null : (
            <span className="alert-timeline__ack">
              {' '}
              acknowledged by {entry.ackBy}
              {entry.ackComment ? `: “${entry.ackComment}”` : ''}
            </span>
          )}
          {entry.source === 'snapshot' ? (
            <span className="muted"> (seen in a snapshot)</span>
          ) : null}
          {entry.seq === null ? null : <span className="muted"> · seq {entry.seq}</span>}
        </li>
      ))}
      {loaded.truncated ? <li className="muted">Later entries are not shown.</li> : null}
    </ol>
  );
}
