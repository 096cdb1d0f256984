import type { ScreenEntry } from '../../../../shared/bridge/screens.js';
import type { DisplayLayout } from '../../../../shared/displays/display-layout.js';
import { dwell, screenUrl, sourceWords, viewWords } from './screen-words.js';

export interface ScreenActions {
  /** A change is on its way: the buttons wait. */
  readonly busy: boolean;
  edit(entry: ScreenEntry): void;
  remove(entry: ScreenEntry): void;
  reset(entry: ScreenEntry): void;
}

/** The buttons a screen offers, by where its layout comes from: [test id, words, what it does]. */
function buttonsFor(entry: ScreenEntry, actions: ScreenActions): [string, string, () => void][] {
  const edit = () => {
    actions.edit(entry);
  };
  const remove = () => {
    actions.remove(entry);
  };
  const reset = () => {
    actions.reset(entry);
  };
  switch (entry.state) {
    case 'removed':
      return [['screen-restore', 'Put back', reset]];
    case 'changed':
      return [
        ['screen-edit', 'Edit', edit],
        ['screen-remove', 'Take off the wall', remove],
        ['screen-reset', 'Back to the config’s', reset],
      ];
    case 'config':
    case 'added':
      return [
        ['screen-edit', 'Edit', edit],
        ['screen-remove', 'Take off the wall', remove],
      ];
  }
}

/** The technician's buttons for one screen; they wait while a change is on its way. */
function RowActions({ entry, actions }: { entry: ScreenEntry; actions: ScreenActions }) {
  return (
    <td className="screen-actions">
      {buttonsFor(entry, actions).map(([testId, words, run]) => (
        <button
          key={testId}
          type="button"
          disabled={actions.busy}
          data-testid={testId}
          onClick={run}
        >
          {words}
        </button>
      ))}
    </td>
  );
}

/** One screen: number and name, playlist, schedules, alarms, zoom, source, and its address. */
export function ScreenRow({
  entry,
  browser,
  siteName,
  actions,
}: {
  entry: ScreenEntry;
  browser: boolean;
  siteName: (id: string) => string;
  /** Null for a viewer, who may look but not change. */
  actions: ScreenActions | null;
}) {
  const screen = entry.layout;
  const url = screenUrl(window.location.origin, window.location.pathname, screen.display);
  const views = (entries: DisplayLayout['playlist']) =>
    entries.map((e) => viewWords(e.show, siteName)).join(' → ');
  const removed = entry.state === 'removed';
  return (
    <tr
      data-testid="screen-row"
      data-display={screen.display}
      data-state={entry.state}
      className={removed ? 'screen-removed' : undefined}
    >
      <th scope="row">
        {screen.display}
        {screen.name === undefined ? null : ` · ${screen.name}`}
        {removed ? <span className="muted"> (not shown)</span> : null}
      </th>
      <td>
        {screen.playlist.length === 1
          ? views(screen.playlist)
          : screen.playlist
              .map((e) => `${viewWords(e.show, siteName)} (${dwell(e.dwellSeconds)})`)
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
      <td>{screen.zoom === 1 ? '—' : `${Math.round(screen.zoom * 100)} %`}</td>
      <td data-testid="screen-source">{sourceWords(entry)}</td>
      {browser ? (
        <td>
          {removed ? (
            '—'
          ) : (
            <a href={url} data-testid="screen-link">
              {url}
            </a>
          )}
        </td>
      ) : null}
      {actions === null ? null : <RowActions entry={entry} actions={actions} />}
    </tr>
  );
}
