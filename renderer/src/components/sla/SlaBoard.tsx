import {
  memo,
  useCallback,
  useEffect,
  useRef,
  useState,
  useSyncExternalStore,
  type CSSProperties,
  type RefObject,
} from 'react';
import type { ClockName } from '../../../../shared/sla/incident.js';
import type { BoardClock } from '../../clock/board-clock.js';
import { useBoardClock } from '../../clock/clock-context.js';
import { reportRender } from '../../debug/render-probe.js';
import { displayName } from '../../format/names.js';
import { InView, InViewContext, useInView } from '../../sla/in-view.js';
import { keepCentred } from '../../sla/keep-centred.js';
import { riskAt, type SlaEntry, type SlaRisk } from '../../sla/sla-order.js';
import { formatCountdown, slaRow, type ClockView } from '../../sla/sla-rows.js';
import { useSlaOrder } from '../../sla/use-sla-order.js';
import { WHOLE_FLEET, type WallScope } from '../../routing/hash-route.js';
import { useScopedOrder } from '../../sla/use-scoped-order.js';
import { useFleet } from '../../store/store-context.js';
import { IncidentTimeline } from './IncidentTimeline.js';
import { PauseText } from './PauseText.js';
import { SlaActions } from './SlaActions.js';

const STATE_WORD: Record<ClockView['state'], string> = {
  running: '',
  paused: '⏸ paused',
  stopped: '✓ stopped',
};

/** One clock: counting down, paused (with why), or overdue and counting up. */
function ClockCell({ view, name }: { view: ClockView; name: ClockName }) {
  const overdue = view.remainingMs < 0;
  const stopped = view.state === 'stopped';
  return (
    <div
      role="cell"
      className="sla-clock"
      data-testid={`sla-${name}`}
      data-state={view.state}
      data-overdue={overdue || undefined}
    >
      {stopped ? (
        <span>{overdue ? '✗ late' : '✓ met'}</span>
      ) : (
        <>
          <span className="sla-clock__time">{formatCountdown(view.remainingMs)}</span>
          {overdue ? <span className="sla-clock__word"> overdue</span> : null}
          {view.state === 'paused' ? (
            <span className="sla-clock__word"> {STATE_WORD.paused}</span>
          ) : null}
        </>
      )}
    </div>
  );
}

const RISK_WORD: Record<SlaRisk, string> = {
  ok: 'on track',
  'at-risk': '▲ at risk',
  breached: '■ breached',
};

/**
 * The cells that move with the clock: both countdowns. The only part of a row that renders every
 * second (on the board's one shared clock), so 2,000 rows do not re-render their names, titles
 * and controls each tick.
 */
function ClockCells({
  entry,
  row: rowRef,
  plans,
}: {
  entry: SlaEntry;
  row: RefObject<HTMLDivElement | null>;
  /** The board has a plan column (some incident has a plan target). */
  plans: boolean;
}) {
  const clock = useBoardClock();
  // A row out of view keeps the countdown it last showed and renders nothing each second; back
  // in view, it reads the clock at once. Only these cells render as a row scrolls in or out.
  const live = useInView(rowRef);
  const now = useSyncExternalStore(live ? clock.subscribe : unsubscribed, () => second(clock));
  const row = slaRow(entry, now);
  reportRender('sla-clocks', entry.incident.id);
  return (
    <>
      <ClockCell view={row.response} name="response" />
      {!plans ? null : row.plan === null ? (
        <div role="cell" className="sla-clock" data-testid="sla-plan">
          —
        </div>
      ) : (
        <ClockCell view={row.plan} name="plan" />
      )}
      <ClockCell view={row.resolution} name="resolution" />
    </>
  );
}

/** The board's time to the second: what the countdowns and the risk are both read at. */
const second = (clock: BoardClock) => Math.floor(clock.displayNow() / 1000) * 1000;

/** The row's risk: it changes at a few instants (sla-order.ts), and the row renders then only. */
function useRisk(entry: SlaEntry): SlaRisk {
  const clock = useBoardClock();
  return useSyncExternalStore(clock.subscribe, () => riskAt(entry, second(clock)));
}

/** The board's columns: the plan's while some incident has one, the actions' for technicians. */
function columnNames(plans: boolean, acts: boolean): string[] {
  return [
    'Customer',
    'Site',
    'Priority',
    'Incident',
    'Response',
    ...(plans ? ['Plan'] : []),
    'Resolution',
    'State',
    'Waiting on',
    ...(acts ? ['Actions'] : []),
  ];
}

/** Subscribes to nothing: what a row out of view gives useSyncExternalStore. */
const unsubscribed = () => () => undefined;

const Row = memo(function Row({
  entry,
  acts,
  plans,
  focused,
}: {
  entry: SlaEntry;
  acts: boolean;
  plans: boolean;
  /** The incident a notice's click was about: scrolled into view and marked. */
  focused: boolean;
}) {
  const { incident } = entry;
  const risk = useRisk(entry);
  const ref = useRef<HTMLDivElement | null>(null);
  useEffect(() => {
    const element = ref.current;
    if (!focused || element === null) return undefined;
    return keepCentred(element, element.parentElement);
  }, [focused]);
  reportRender('sla-row', incident.id);
  const siteName = useFleet((s) => s.sites.get(incident.siteId)?.name ?? incident.siteId);
  const title = displayName(incident.title, incident.id);
  const [timeline, setTimeline] = useState(false);
  const columns = columnNames(plans, acts).length;
  return (
    <>
      <div
        ref={ref}
        role="row"
        className="sla-row"
        data-testid="sla-row"
        data-risk={risk}
        data-id={incident.id}
        data-focused={focused}
      >
        <div role="cell">
          <bdi>{displayName(incident.customer, incident.customer).text}</bdi>
        </div>
        <div role="cell">
          <bdi>{displayName(siteName, incident.siteId).text}</bdi>
        </div>
        <div role="cell" className="sla-row__priority">
          {incident.priority}
        </div>
        <div role="cell" className="sla-row__title" title={title.title}>
          <bdi>{title.text}</bdi>{' '}
          <button
            type="button"
            className="sla-row__timeline-button"
            data-testid="sla-timeline-button"
            aria-expanded={timeline}
            onClick={() => {
              setTimeline((open) => !open);
            }}
          >
            {timeline ? 'Hide timeline' : 'Timeline'}
          </button>
        </div>
        <ClockCells entry={entry} row={ref} plans={plans} />
        <div role="cell" className="sla-row__risk" data-testid="sla-risk">
          {RISK_WORD[risk]}
        </div>
        <div role="cell" className="sla-row__pause" data-testid="sla-pause">
          <PauseText pause={incident.pause} />
        </div>
        {acts ? (
          <div role="cell" className="sla-row__actions">
            <SlaActions incident={incident} />
          </div>
        ) : null}
      </div>
      {timeline ? <IncidentTimeline incident={incident} columns={columns} /> : null}
    </>
  );
});

/**
 * The SLA board: every open incident, the nearest breach first, each clock counting down in its
 * customer's business time (paused shown paused with why; breached shown overdue and counting
 * up). One shared 1 Hz clock drives every countdown (no row has a timer of its own): each second
 * only the countdown cells render; a row renders when its incident or its risk changes, and the
 * order is made again only when an incident changes (use-sla-order.ts).
 */
export function SlaBoard({
  focus = null,
  scope = WHOLE_FLEET,
}: {
  focus?: string | null;
  /** Part of the fleet (`#/sla?customer=Acme`): only its sites' incidents. */
  scope?: WallScope;
}) {
  const sla = useFleet((s) => s.info?.sla);
  const order = useScopedOrder(useSlaOrder(), scope);
  // A viewer is shown no control that acts (the host refuses them anyway).
  const acts = useFleet((s) => s.info?.technician != null);
  // A plan column where some incident's priority has a plan target.
  const plans = order.some((entry) => entry.incident.plan !== null);
  const columns = columnNames(plans, acts);
  // One observer for every row: only rows in (or near) the board's view tick each second. Made
  // once, so the rows see the same one from their first render.
  const [inView] = useState(() => new InView());
  const board = useCallback(
    (element: HTMLElement | null) => {
      if (element === null) return undefined;
      inView.attach(element);
      return () => {
        inView.detach();
      };
    },
    [inView],
  );
  return (
    <InViewContext value={inView}>
      <section ref={board} className="sla-board" data-testid="sla-board" aria-label="SLA clocks">
        <h1>SLA clocks</h1>
        {sla === undefined ? (
          <p className="muted" data-testid="sla-none">
            No SLA contracts are configured: no incidents, no clocks (docs/sla.md).
          </p>
        ) : order.length === 0 ? (
          <p className="muted" data-testid="sla-empty">
            ✓ No open incidents.
          </p>
        ) : (
          // A table to assistive technology (the roles say so, since the CSS lays it out as a
          // grid): each row is a grid of its own, so a countdown that changes lays out its row,
          // not a 2,000-row table's every row each second (docs/performance.md, "the SLA board
          // view"); rows out of view skip layout and paint (sla.css, content-visibility).
          <div
            className="sla-grid"
            role="table"
            aria-label="Open incidents"
            style={{ '--sla-columns': columns.length } as CSSProperties}
          >
            <div role="rowgroup">
              <div role="row">
                {columns.map((name) => (
                  <div key={name} role="columnheader">
                    {name}
                  </div>
                ))}
              </div>
            </div>
            <div role="rowgroup">
              {order.map((entry) => (
                <Row
                  key={entry.incident.id}
                  entry={entry}
                  acts={acts}
                  plans={plans}
                  focused={entry.incident.id === focus}
                />
              ))}
            </div>
          </div>
        )}
      </section>
    </InViewContext>
  );
}
