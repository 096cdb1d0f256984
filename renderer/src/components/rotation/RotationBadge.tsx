import type { ViewSpec } from '../../../../shared/displays/display-layout.js';
import { useNow } from '../../clock/clock-context.js';
import { useRotation } from '../../rotation/rotation-context.js';
import { formatCountdown } from '../../sla/sla-rows.js';
import { useFleet } from '../../store/store-context.js';

function useViewName(spec: ViewSpec | null): string | null {
  const site = useFleet((s) =>
    spec?.view === 'site' ? (s.sites.get(spec.siteId)?.name ?? spec.siteId) : null,
  );
  if (spec === null) return null;
  switch (spec.view) {
    case 'wall':
      return 'Wall';
    case 'sla':
      return 'SLA board';
    case 'alerts':
      return 'Alerts';
    case 'site':
      return site;
  }
}

/**
 * The corner of a screen that runs a playlist (`?display=N`): which screen, what shows and for
 * how long, what comes next; during an alarm, what it is about and when the playlist resumes.
 * A screen without a layout says so here rather than silently showing the wall.
 */
export function RotationBadge() {
  const rotation = useRotation();
  // Only a tick source: the times are on the page clock (run-rotation.ts).
  useNow(1000);
  const showing = rotation?.status?.showing ?? null;
  const current = useViewName(showing?.show ?? null);
  const next = useViewName(showing?.next ?? null);
  if (!rotation?.status) return null;
  const { status, clock } = rotation;
  const screen = status.name === null ? `Display ${status.display}` : status.name;
  if (status.problem !== null || showing === null) {
    return (
      <div
        className="rotation-badge"
        data-testid="rotation-badge"
        data-state="problem"
        role="status"
      >
        {screen}: {status.problem ?? 'loading its layout…'}
      </div>
    );
  }
  const left = showing.until === null ? null : formatCountdown(showing.until - clock.now());
  if (showing.alarm !== null) {
    return (
      <div
        className="rotation-badge"
        data-testid="rotation-badge"
        data-state="alarm"
        // When the alarm began and when its hold ends, on the page clock: for automation (the
        // e2e test checks the hold against them), not shown.
        data-since={showing.since ?? undefined}
        data-until={showing.until ?? undefined}
        role="status"
      >
        <strong>⚠ {showing.alarm}</strong> · {screen} · back to {next} in {left}
      </div>
    );
  }
  return (
    <div
      className="rotation-badge"
      data-testid="rotation-badge"
      data-state="playlist"
      role="status"
    >
      {screen} · {current}
      {left === null || next === null ? null : ` · ${next} in ${left}`}
    </div>
  );
}
