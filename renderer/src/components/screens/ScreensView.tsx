import { useMemo, useState } from 'react';
import type { BasedOn } from '../../../../shared/bridge/screens.js';
import type { DisplayLayout } from '../../../../shared/displays/display-layout.js';
import { useBridge } from '../../bridge/bridge-context.js';
import { invokeChecked } from '../../bridge/invoke-checked.js';
import { useCommand } from '../../bridge/use-command.js';
import { draftOf, freeNumber, newDraft, type LayoutDraft } from '../../screens/layout-draft.js';
import { useScreensChanges } from '../../store/screens-changes.js';
import { useFleet } from '../../store/store-context.js';
import { ScreenEditor } from './ScreenEditor.js';
import { ScreenRow, type ScreenActions } from './ScreenRow.js';
import { WindowHealthTable } from './WindowHealthTable.js';

interface Editing {
  readonly draft: LayoutDraft;
  /** What the change is based on: the hub refuses it if the screen changed since. */
  readonly basedOn: BasedOn;
  /** Each Edit or Add opens a fresh form, even on the same screen. */
  readonly opened: number;
}

/**
 * The screens of the wall (docs/displays.md): what each shows, in turn and when alarms come,
 * where its layout comes from, and, in a browser, the address a TV opens to run it. A technician
 * edits a screen's layout here, adds screens and takes them off; the hub keeps what they set and
 * every screen follows at once.
 */
export function ScreensView() {
  const bridge = useBridge();
  const browser = useFleet((s) => s.info?.host === 'browser');
  const technician = useFleet((s) => s.info?.technician ?? null);
  const sites = useFleet((s) => s.sites);
  // Asked again when the hub says the screens changed, and after each change made here.
  const changes = useScreensChanges();
  const [made, setMade] = useState(0);
  const loaded = useCommand('displays.list', {}, `${changes}:${made}`);
  const reload = () => {
    setMade((n) => n + 1);
  };
  const [editing, setEditing] = useState<Editing | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  /** A take-off or reset on its way: the buttons wait for it, and for the list after it. */
  const [pending, setPending] = useState(false);
  const busy = pending || !loaded.fresh;
  const [opened, setOpened] = useState(0);
  const open = (draft: LayoutDraft, basedOn: BasedOn) => {
    setOpened((n) => n + 1);
    setEditing({ draft, basedOn, opened: opened + 1 });
  };
  const choices = useMemo(() => {
    const list = [...sites.values()];
    return {
      customers: [...new Set(list.map((site) => site.customer))].sort(),
      sites: list.map((site) => ({ id: site.id, name: site.name })),
    };
  }, [sites]);
  const siteName = (id: string) => sites.get(id)?.name ?? id;
  const screens = loaded.state === 'loaded' ? loaded.value : [];

  const answered = (
    result: { ok: true } | { ok: false; error: { message: string } },
    done: string,
  ) => {
    setPending(false);
    setMessage(result.ok ? done : result.error.message);
    reload();
  };
  const actions: ScreenActions | null =
    technician === null
      ? null
      : {
          busy,
          edit: (entry) => {
            open(draftOf(entry.layout), { revision: entry.revision });
          },
          remove: ({ layout: { display }, revision }) => {
            setPending(true);
            const args = { display, basedOn: { revision } };
            void invokeChecked(bridge, 'displays.remove', args).then((result) => {
              answered(result, `Screen ${display} is off the wall.`);
            });
          },
          reset: ({ layout: { display }, revision }) => {
            setPending(true);
            const args = { display, basedOn: { revision } };
            void invokeChecked(bridge, 'displays.reset', args).then((result) => {
              answered(result, `Screen ${display} shows the config's layout again.`);
            });
          },
        };
  const save = async (layout: DisplayLayout): Promise<string | null> => {
    if (editing === null) return null;
    const result = await invokeChecked(bridge, 'displays.set', {
      layout,
      basedOn: editing.basedOn,
    });
    if (!result.ok) return result.error.message;
    // Only this form: another opened meanwhile stays open.
    const mine = editing.opened;
    setEditing((current) => (current?.opened === mine ? null : current));
    answered(result, `Screen ${layout.display} saved: it shows its new layout now.`);
    return null;
  };
  const free = freeNumber(screens.map((entry) => entry.layout.display));
  const identify = () => {
    void invokeChecked(bridge, 'displays.identify', {}).then((result) => {
      setMessage(
        result.ok ? 'Each screen shows its number for a few seconds.' : result.error.message,
      );
    });
  };

  return (
    <section className="screens-view" data-testid="screens-view" aria-label="Screens of the wall">
      <h1>Screens of the wall</h1>
      {loaded.state === 'loading' ? (
        <p className="muted">Loading…</p>
      ) : loaded.state === 'failed' ? (
        <p className="muted" role="alert">
          The hub did not say: {loaded.message}
        </p>
      ) : screens.length === 0 ? (
        <p className="muted" data-testid="screens-none">
          No screens are set: the config&apos;s <code>displays</code> section
          {technician === null ? '' : ', or “Add a screen” here,'} gives each screen of a wall its
          views (docs/displays.md).
        </p>
      ) : (
        <table className="screens-table">
          <thead>
            <tr>
              <th scope="col">Screen</th>
              <th scope="col">Shows, in turn</th>
              <th scope="col">At times</th>
              <th scope="col">Alarms</th>
              <th scope="col">Zoom</th>
              <th scope="col">Set by</th>
              {browser ? <th scope="col">Open on a TV</th> : null}
              {actions === null ? null : <th scope="col">Change</th>}
            </tr>
          </thead>
          <tbody>
            {screens.map((entry) => (
              <ScreenRow
                key={entry.layout.display}
                entry={entry}
                browser={browser}
                siteName={siteName}
                actions={actions}
              />
            ))}
          </tbody>
        </table>
      )}
      {message === null ? null : (
        <p role="status" data-testid="screens-message">
          {message}
        </p>
      )}
      {technician !== null && editing === null && loaded.state === 'loaded' ? (
        <p className="screens-buttons">
          {free === null ? null : (
            <button
              type="button"
              data-testid="screen-add"
              onClick={() => {
                open(newDraft(free), 'new');
              }}
            >
              Add a screen
            </button>
          )}
          <button type="button" data-testid="screens-identify" onClick={identify}>
            Identify screens
          </button>
        </p>
      ) : null}
      {editing === null ? null : (
        <ScreenEditor
          key={editing.opened}
          initial={editing.draft}
          adding={editing.basedOn === 'new'}
          choices={choices}
          save={save}
          cancel={() => {
            setEditing(null);
          }}
        />
      )}
      {browser ? null : <WindowHealthTable />}
      <p className="muted">
        {browser
          ? 'A TV that has not signed in to this board adds &token=… to the address (README, serve).'
          : 'The desktop app opens a window on each screen itself; “Identify screens” (here, or in the tray) shows which display is which.'}
      </p>
    </section>
  );
}
