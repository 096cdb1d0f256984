import { Fragment, useState } from 'react';
import type { CustomerCompliance } from '../../../../shared/sla/compliance.js';
import { cleanText } from '../../../../shared/text/untrusted-text.js';
import { displayName } from '../../format/names.js';
import { formatDateTime } from '../../history/local-time.js';
import { useFleet } from '../../store/store-context.js';
import { TimelineLines } from '../sla/IncidentTimeline.js';

/** Rows listed per customer; the exports carry them all (up to 10,000). */
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
  const [shown, setShown] = useState<string | null>(null);
  if (row.breachCount === 0) return null;
  const listed = row.breaches.slice(0, BREACHES_SHOWN);
  const customer = cleanText(row.customer).text;
  return (
    <details className="sla-breaches" data-testid="sla-breaches" data-customer={row.customer}>
      <summary>
        <bdi>{customer}</bdi>: {row.breachCount === 1 ? '1 breach' : `${row.breachCount} breaches`}
      </summary>
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
            return (
              <Fragment key={key}>
                <tr data-testid="sla-breach-row" data-incident-id={breach.incidentId}>
                  <td>
                    <time>{formatDateTime(breach.at)}</time>
                  </td>
                  <td>
                    <SiteName siteId={breach.siteId} />
                  </td>
                  <td>
                    <bdi>{cleanText(breach.title).text}</bdi>
                  </td>
                  <td>{breach.priority}</td>
                  <td>{CLOCK_WORD[breach.clock]}</td>
                  <td>
                    <button
                      type="button"
                      aria-expanded={open}
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
                  <tr className="sla-row__timeline" data-testid="sla-timeline">
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
          The first {listed.length} of {row.breachCount} are listed; the CSV and JSON exports carry
          them all (up to 10,000).
        </p>
      ) : null}
    </details>
  );
}
