import { useEffect, useState } from 'react';
import type { DisplayLayout, ViewSpec } from '../../../../shared/displays/display-layout.js';
import { useBridge } from '../../bridge/bridge-context.js';
import { invokeChecked } from '../../bridge/invoke-checked.js';
import { useFleet } from '../../store/store-context.js';

type Loaded =
  | { readonly state: 'loading' }
  | { readonly state: 'failed'; readonly message: string }
  | { readonly state: 'loaded'; readonly screens: readonly DisplayLayout[] };

function viewWords(spec: ViewSpec, siteName: (id: string) => string): string {
  switch (spec.view) {
    case 'wall': {
      const part = [...(spec.customers ?? []), ...(spec.sites ?? []).map(siteName)];
      const what = part.length === 0 ? 'Wall' : `Wall of ${part.join(', ')}`;
      return spec.slaPanel ? what : `${what} (no SLA panel)`;
    }
    case 'sla':
      return 'SLA board';
    case 'alerts':
      return 'Alerts';
    case 'site':
      return siteName(spec.siteId);
  }
}

function dwell(seconds: number): string {
  return seconds % 60 === 0 ? `${seconds / 60} min` : `${seconds} s`;
}

/** The address a browser on a wall TV opens to run screen N (docs/displays.md). */
export function screenUrl(origin: string, pathname: string, display: number): string {
  return `${origin}${pathname}?display=${display}`;
}

/** One screen: its number and name, its playlist, schedules and alarms, and where a TV opens it. */
function ScreenRow({
  screen,
  browser,
  siteName,
}: {
  screen: DisplayLayout;
  browser: boolean;
  siteName: (id: string) => string;
}) {
  const url = screenUrl(window.location.origin, window.location.pathname, screen.display);
  const views = (entries: DisplayLayout['playlist']) =>
    entries.map((entry) => viewWords(entry.show, siteName)).join(' → ');
  return (
    <tr data-testid="screen-row" data-display={screen.display}>
      <th scope="row">
        {screen.display}
        {screen.name === undefined ? null : ` · ${screen.name}`}
      </th>
      <td>
        {screen.playlist.length === 1
          ? views(screen.playlist)
          : screen.playlist
              .map((entry) => `${viewWords(entry.show, siteName)} (${dwell(entry.dwellSeconds)})`)
              .join(' → ')}
      </td>
      <td>
        {screen.schedules.length === 0
          ? '—'
          : screen.schedules
              .map(
                (s) =>
                  `${s.from}–${s.to}${s.days ? ` ${s.days.join(' ')}` : ''}: ${views(s.playlist)}`,
              )
              .join('; ')}
      </td>
      <td>
        {screen.alarms === null
          ? 'none'
          : `${screen.alarms.minSeverity} and worse, ${dwell(screen.alarms.holdSeconds)}`}
      </td>
      {browser ? (
        <td>
          <a href={url} data-testid="screen-link">
            {url}
          </a>
        </td>
      ) : null}
    </tr>
  );
}

/**
 * The screens of the wall (config `displays`): what each shows, in turn and when alarms come,
 * and, in a browser, the address a TV opens to run it. The desktop app opens its screens itself
 * (its tray's "Identify screens" shows which display is which).
 */
export function ScreensView() {
  const bridge = useBridge();
  const browser = useFleet((s) => s.info?.host === 'browser');
  const sites = useFleet((s) => s.sites);
  const [loaded, setLoaded] = useState<Loaded>({ state: 'loading' });
  useEffect(() => {
    let live = true;
    void invokeChecked(bridge, 'displays.list', {}).then((result) => {
      if (!live) return;
      setLoaded(
        result.ok
          ? { state: 'loaded', screens: result.value }
          : { state: 'failed', message: result.error.message },
      );
    });
    return () => {
      live = false;
    };
  }, [bridge]);
  const siteName = (id: string) => sites.get(id)?.name ?? id;
  return (
    <section className="screens-view" data-testid="screens-view" aria-label="Screens of the wall">
      <h1>Screens of the wall</h1>
      {loaded.state === 'loading' ? (
        <p className="muted">Loading…</p>
      ) : loaded.state === 'failed' ? (
        <p className="muted" role="alert">
          The hub did not say: {loaded.message}
        </p>
      ) : loaded.screens.length === 0 ? (
        <p className="muted" data-testid="screens-none">
          No screens are configured: the config&apos;s <code>displays</code> section gives each
          screen of a wall its views (docs/displays.md).
        </p>
      ) : (
        <table className="screens-table">
          <thead>
            <tr>
              <th scope="col">Screen</th>
              <th scope="col">Shows, in turn</th>
              <th scope="col">At times</th>
              <th scope="col">Alarms</th>
              {browser ? <th scope="col">Open on a TV</th> : null}
            </tr>
          </thead>
          <tbody>
            {loaded.screens.map((screen) => (
              <ScreenRow
                key={screen.display}
                screen={screen}
                browser={browser}
                siteName={siteName}
              />
            ))}
          </tbody>
        </table>
      )}
      <p className="muted">
        {browser
          ? 'A TV that has not signed in to this board adds &token=… to the address (README, serve).'
          : 'The desktop app opens a window on each screen itself; the tray’s “Identify screens” shows which display is which.'}
      </p>
    </section>
  );
}
