import type { Incident } from '../../../../shared/sla/incident.js';
import { useCommand } from '../../bridge/use-command.js';
import { cleanText } from '../../../../shared/text/untrusted-text.js';
import { displayName } from '../../format/names.js';
import { formatDateTime } from '../../history/local-time.js';

/**
 * An incident's timeline (`sla.timeline`, read-only, viewers too): opened, responded, planned
 * (with the plan), paused (whom it waits on), resumed, priority changes, warnings, breaches,
 * resolved — who and when, the site's words cleaned of direction and control characters. Asked
 * again whenever `again` changes (the incident as it is now, for an open one). Open or long
 * closed alike: the history view's breaches use it too.
 */
export function TimelineLines({ incidentId, again }: { incidentId: string; again: unknown }) {
  const answer = useCommand('sla.timeline', { incidentId }, again);
  if (answer.state === 'loading') return <span className="muted">Loading…</span>;
  if (answer.state === 'failed') return <span role="alert">{answer.message}</span>;
  if (answer.value.lines.length === 0) {
    // A hub without a store keeps only the latest lines of all incidents.
    return <span className="muted">No lines kept for this incident.</span>;
  }
  return (
    <ol className="sla-timeline">
      {answer.value.lines.map((line, i) => (
        // Lines have no id; the list only grows at its end while shown.
        <li key={`${line.at}:${i}`} data-testid="sla-timeline-line">
          <time>{formatDateTime(line.at)}</time> · <strong>{line.what}</strong> ·{' '}
          {/* Actors and details can come from a site (an acknowledgement's author and comment,
              an alert's title): cleaned like every name on the board. */}
          <bdi>{displayName(line.actor, 'unknown').text}</bdi>
          {line.detail === '' ? null : (
            <>
              {' '}
              — <bdi>{cleanText(line.detail).text}</bdi>
            </>
          )}
        </li>
      ))}
      {answer.value.truncated ? (
        <li className="muted">… and more (the first {answer.value.lines.length} are shown)</li>
      ) : null}
    </ol>
  );
}

/** The timeline under an incident's row of the SLA board, read again when the incident changes. */
export function IncidentTimeline({ incident, columns }: { incident: Incident; columns: number }) {
  return (
    <div role="row" className="sla-row__timeline" data-testid="sla-timeline">
      <div role="cell" aria-colspan={columns}>
        <TimelineLines incidentId={incident.id} again={incident} />
      </div>
    </div>
  );
}
