import type { Incident } from '../../../../shared/sla/incident.js';
import { useCommand } from '../../bridge/use-command.js';
import { cleanText } from '../../../../shared/text/untrusted-text.js';
import { displayName } from '../../format/names.js';
import { formatDateTime } from '../../history/local-time.js';

/**
 * An incident's timeline under its row of the SLA board (`sla.timeline`, read-only): opened,
 * responded, planned (with the plan), paused (whom it waits on), resumed, priority changes,
 * warnings, breaches, resolved — who and when, the site's words cleaned of direction and
 * control characters. Read again whenever the incident changes.
 */
export function IncidentTimeline({ incident, columns }: { incident: Incident; columns: number }) {
  const answer = useCommand('sla.timeline', { incidentId: incident.id }, incident);
  return (
    <tr className="sla-row__timeline" data-testid="sla-timeline">
      <td colSpan={columns}>
        {answer.state === 'loading' ? (
          <span className="muted">Loading…</span>
        ) : answer.state === 'failed' ? (
          <span role="alert">{answer.message}</span>
        ) : answer.value.lines.length === 0 ? (
          <span className="muted">No lines recorded.</span>
        ) : (
          <ol className="sla-timeline">
            {answer.value.lines.map((line, i) => (
              // Lines have no id; the list only grows at its end while shown.
              <li key={`${line.at}:${i}`} data-testid="sla-timeline-line">
                <time>{formatDateTime(line.at)}</time> · <strong>{line.what}</strong> ·{' '}
                {/* Actors and details can come from a site (an acknowledgement's author and
                comment, an alert's title): cleaned like every name on the board. */}
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
              <li className="muted">
                … and more (the first {answer.value.lines.length} are shown)
              </li>
            ) : null}
          </ol>
        )}
      </td>
    </tr>
  );
}
