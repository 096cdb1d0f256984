import { Fragment, useState } from 'react';
import { MAX_BREACHES_LISTED, type CustomerCompliance } from '../../../../shared/sla/compliance.js';
import { displayName } from '../../format/names.js';
import { formatDateTime } from '../../history/local-time.js';
import { useFleet } from '../../store/store-context.js';
import { TimelineLines } from '../sla/IncidentTimeline.js';

/** Rows listed per customer in the view; the JSON export lists up to MAX_BREACHES_LISTED. */
export const BREACHES_SHOWN = 100;

const CLOCK_WORD = { response: 'Response', plan: 'Plan', resolution: 'Resolution' } as const;

function SiteName({ siteId }: { siteId: string }) {
  const name = useFleet((s) => s.sites.get(siteId)?.name);
  return <bdi>{displayName(name, siteId).text}</bdi>;
}

/**
 * A customer's breaches in the period, oldest first (issue 11's "breaches listed"), each with the
 * timeline of its incident — open or long resolved, from the store (`sla.timeline`): who
 * responded, paused for whom, and when it breached, to answer a customer's question about it.
 */
export function ComplianceBreaches({ row }: { row: CustomerCompliance }) {
  // The list is built only while open: a month of many customers stays cheap until asked.
  const [open, setOpen] = useState(false);
  if (row.breachCount === 0) return null;
  const customer = displayName(row.customer, 'customer').text;
  return (
    <details
      className="sla-breaches"
      data-testid="sla-breaches"
      data-customer={row.customer}
      onToggle={(event) => {
        setOpen(event.currentTarget.open);
      }}
    >
      <summary>
        <bdi>{customer}</bdi>: {row.breachCount === 1 ? '1 breach' : `${row.breachCount} breaches`}
      </summary>
      {open ? <BreachTable row={row} /> : null}
    </details>
  );
}

function BreachTable({ row }: { row: CustomerCompliance }) {
  const [shown, setShown] = useState<string | null>(null);
  const listed = row.breaches.slice(0, BREACHES_SHOWN);
  return (
    <>
      <table className="sla-table">
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">Site</th>
            <th scope="col">Incident</th>
            <th scope="col">Priority</th>
            <th scope="col">Clock</th>
            <th scope="col">
              <span className="visually-hidden">Timeline</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {listed.map((breach, i) => {
            // An incident may breach two clocks: the key is the line, not the incident.
            const key = `${breach.incidentId}:${breach.clock}:${i}`;
            const open = shown === key;
            // A site's words: cleaned, and the incident's id where they show nothing.
            const title = displayName(breach.title, breach.incidentId);
            const when = formatDateTime(breach.at);
            const timelineId = `sla-breach-timeline-${i}`;
            return (
              <Fragment key={key}>
                <tr data-testid="sla-breach-row" data-incident-id={breach.incidentId}>
                  <td>
                    <time>{when}</time>
                  </td>
                  <td>
                    <SiteName siteId={breach.siteId} />
                  </td>
                  <td title={title.title}>
                    <bdi>{title.text}</bdi>
                  </td>
                  <td>{breach.priority}</td>
                  <td>{CLOCK_WORD[breach.clock]}</td>
                  <td>
                    <button
                      type="button"
                      aria-expanded={open}
                      aria-controls={open ? timelineId : undefined}
                      aria-label={`Timeline of ${title.text}, ${CLOCK_WORD[breach.clock].toLowerCase()} breached ${when}`}
                      data-testid="sla-breach-timeline"
                      onClick={() => {
                        setShown(open ? null : key);
                      }}
                    >
                      Timeline
                    </button>
                  </td>
                </tr>
                {open ? (
                  <tr className="sla-row__timeline" data-testid="sla-timeline" id={timelineId}>
                    <td colSpan={6}>
                      <TimelineLines incidentId={breach.incidentId} again={null} />
                    </td>
                  </tr>
                ) : null}
              </Fragment>
            );
          })}
        </tbody>
      </table>
      {row.breachCount > listed.length ? (
        <p className="muted">
          The first {listed.length} of {row.breachCount} are listed; the JSON export lists the first{' '}
          {MAX_BREACHES_LISTED.toLocaleString('en-US')} (the CSV counts them).
        </p>
      ) : null}
    </>
  );
}
