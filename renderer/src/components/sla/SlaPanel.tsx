import { memo, useMemo } from 'react';
import { useNow } from '../../clock/clock-context.js';
import { displayName } from '../../format/names.js';
import { useWallArea } from '../../layout/use-wall-area.js';
import { slaCounts, type SlaEntry } from '../../sla/sla-order.js';
import { formatCountdown, leadClock, slaRow } from '../../sla/sla-rows.js';
import { slaHref, WHOLE_FLEET, type WallScope } from '../../routing/hash-route.js';
import { useScopedOrder } from '../../sla/use-scoped-order.js';
import { useSlaOrder } from '../../sla/use-sla-order.js';
import { useFleet } from '../../store/store-context.js';
import { PauseText } from './PauseText.js';

/** A row's height and the gap between rows, in units of --u (sla.css uses the same numbers). */
export const PANEL_ROW = 2.9;
export const PANEL_GAP = 0.3;

/** How many rows of PANEL_ROW fit a list `height` px tall at type unit `unit`. */
export function rowsThatFit(height: number, unit: number): number {
  const gap = PANEL_GAP * unit;
  return Math.max(0, Math.floor((height + gap) / (PANEL_ROW * unit + gap)));
}

const CLOCK_WORD = { response: 'respond', plan: 'plan', resolution: 'resolve' } as const;
const RISK_MARK = { ok: '', 'at-risk': '▲ ', breached: '■ ' } as const;

const PanelRow = memo(function PanelRow({ entry, now }: { entry: SlaEntry; now: number }) {
  const row = slaRow(entry, now);
  const { incident } = row;
  const { name, view } = leadClock(row);
  const site = useFleet((s) => s.sites.get(incident.siteId)?.name ?? incident.siteId);
  const title = displayName(incident.title, incident.id);
  const overdue = view.remainingMs < 0;
  return (
    <li
      className="sla-panel__row"
      data-testid="sla-panel-row"
      data-id={incident.id}
      data-risk={row.risk}
      data-state={view.state}
    >
      <span className="sla-panel__priority">{incident.priority}</span>
      <span className="sla-panel__clock" data-testid="sla-panel-clock">
        {RISK_MARK[row.risk]}
        {view.state === 'paused' ? (
          <>⏸ {formatCountdown(view.remainingMs)} paused</>
        ) : overdue ? (
          <>
            {CLOCK_WORD[name]} {formatCountdown(view.remainingMs)} overdue
          </>
        ) : (
          <>
            {CLOCK_WORD[name]} in {formatCountdown(view.remainingMs)}
          </>
        )}
      </span>
      <span className="sla-panel__what" title={title.title}>
        <bdi>{displayName(incident.customer, incident.customer).text}</bdi> ·{' '}
        <bdi>{displayName(site, incident.siteId).text}</bdi> — <bdi>{title.text}</bdi>
        {incident.pause === null ? null : (
          <>
            {' '}
            (<PauseText pause={incident.pause} />)
          </>
        )}
      </span>
    </li>
  );
});

/**
 * The wall's SLA panel: the open incidents due first, as many as fit its height, each with the
 * clock due first counting down (overdue counting up, paused with what it waits on), the totals
 * above and what did not fit said below; never a scrollbar. One shared 1 Hz clock: the panel
 * re-renders once a second and works out only the rows it shows (sla-order.ts).
 */
export function SlaPanel({ scope = WHOLE_FLEET }: { scope?: WallScope }) {
  // A wall of part of the fleet (one customer's screen) lists that part's incidents only.
  const order = useScopedOrder(useSlaOrder(), scope);
  const now = useNow(1000);
  const [ref, area] = useWallArea();
  const fit = rowsThatFit(area.height, area.unit);
  const counts = useMemo(() => slaCounts(order, now), [order, now]);
  const shown = order.slice(0, fit);
  const hidden = order.length - shown.length;
  return (
    <section className="sla-panel" data-testid="sla-panel" aria-label="SLA clocks">
      <h2 className="sla-panel__head">
        <a href={slaHref(null, scope)}>SLA</a>{' '}
        <span data-testid="sla-panel-open">{counts.open.toLocaleString('en')} open</span>
        {counts.breached > 0 ? (
          <span className="sla-panel__count" data-risk="breached" data-testid="sla-panel-breached">
            ■ {counts.breached.toLocaleString('en')} breached
          </span>
        ) : null}
        {counts.atRisk > 0 ? (
          <span className="sla-panel__count" data-risk="at-risk" data-testid="sla-panel-at-risk">
            ▲ {counts.atRisk.toLocaleString('en')} at risk
          </span>
        ) : null}
      </h2>
      <ol className="sla-panel__list" ref={ref} data-fit={fit}>
        {order.length === 0 ? (
          <li className="sla-panel__none" data-testid="sla-panel-none">
            ✓ No open incidents
          </li>
        ) : (
          shown.map((entry) => <PanelRow key={entry.incident.id} entry={entry} now={now} />)
        )}
      </ol>
      <p className="sla-panel__more" data-testid="sla-panel-more">
        {hidden > 0 ? `+${hidden.toLocaleString('en')} more on the SLA board` : null}
      </p>
    </section>
  );
}
