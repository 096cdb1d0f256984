import { useState, type SubmitEvent } from 'react';
import type { DisplayLayout } from '../../../../shared/displays/display-layout.js';
import { SEVERITIES } from '../../../../shared/protocol/alert.js';
import {
  layoutOf,
  moveView,
  NEW_VIEW,
  shown,
  type LayoutDraft,
  type ViewDraft,
} from '../../screens/layout-draft.js';
import { SEVERITY_LABEL } from '../../status/presentation.js';
import { ViewFields, type Choices } from './ViewFields.js';

const ZOOMS = [0.5, 0.75, 1, 1.25, 1.5, 2, 2.5, 3] as const;

/**
 * The form that sets what one screen shows (the screens view, a technician's): its name, its
 * playlist, which alarms bring their view forward, its zoom. Saving sends the layout to the hub,
 * which keeps it and tells every window; the hub's refusal (a field out of range) is shown here.
 */
export function ScreenEditor({
  initial,
  adding,
  choices,
  save,
  cancel,
}: {
  initial: LayoutDraft;
  /** A new screen: its number can be chosen. */
  adding: boolean;
  choices: Choices;
  /** Resolves to null once saved, or to what the hub said was wrong. */
  save: (layout: DisplayLayout) => Promise<string | null>;
  cancel: () => void;
}) {
  const [draft, setDraft] = useState(initial);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (part: Partial<LayoutDraft>) => {
    setDraft((d) => ({ ...d, ...part }));
  };
  const setView = (index: number, next: ViewDraft) => {
    set({ playlist: draft.playlist.map((v, i) => (i === index ? next : v)) });
  };
  const submit = async (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (busy) return;
    const checked = layoutOf(draft);
    if (!checked.ok) {
      setProblem(checked.problem);
      return;
    }
    setBusy(true);
    const refused = await save(checked.layout);
    setBusy(false);
    setProblem(refused);
  };
  const zooms = ZOOMS.some((z) => z === draft.zoom) ? ZOOMS : [...ZOOMS, draft.zoom];
  return (
    <form
      className="screen-editor"
      data-testid="screen-editor"
      aria-label={adding ? 'A new screen' : `Screen ${initial.display}`}
      onSubmit={(event) => {
        void submit(event);
      }}
    >
      <h2>{adding ? 'A new screen' : `Screen ${initial.display}`}</h2>
      {adding ? (
        <label>
          Number{' '}
          <input
            type="number"
            min={1}
            max={64}
            required
            data-testid="screen-number"
            value={shown(draft.display)}
            onChange={(event) => {
              set({ display: event.target.valueAsNumber });
            }}
          />
        </label>
      ) : null}
      <label>
        Name{' '}
        <input
          type="text"
          maxLength={100}
          placeholder="Wall left"
          data-testid="screen-name"
          value={draft.name}
          onChange={(event) => {
            set({ name: event.target.value });
          }}
        />
      </label>
      {draft.playlist.map((view, index) => (
        <ViewFields
          // Entries have no identity of their own; their place is what the form edits.
          key={index}
          index={index}
          count={draft.playlist.length}
          draft={view}
          choices={choices}
          change={(next) => {
            setView(index, next);
          }}
          move={(by) => {
            set({ playlist: moveView(draft.playlist, index, by) });
          }}
          drop={() => {
            set({ playlist: draft.playlist.filter((_, i) => i !== index) });
          }}
        />
      ))}
      <button
        type="button"
        data-testid="screen-add-view"
        disabled={draft.playlist.length >= 50}
        onClick={() => {
          set({ playlist: [...draft.playlist, NEW_VIEW] });
        }}
      >
        Add a view
      </button>
      <fieldset>
        <legend>Alarms</legend>
        <label>
          <input
            type="checkbox"
            data-testid="screen-alarms"
            checked={draft.alarms}
            onChange={(event) => {
              set({ alarms: event.target.checked });
            }}
          />{' '}
          bring their view forward, at
        </label>{' '}
        <select
          aria-label="Alarms from severity"
          disabled={!draft.alarms}
          value={draft.minSeverity}
          onChange={(event) => {
            set({ minSeverity: event.target.value as LayoutDraft['minSeverity'] });
          }}
        >
          {SEVERITIES.map((severity) => (
            <option key={severity} value={severity}>
              {SEVERITY_LABEL[severity]} and worse
            </option>
          ))}
        </select>{' '}
        <label>
          for{' '}
          <input
            type="number"
            min={5}
            max={3600}
            aria-label="Alarm held, seconds"
            required
            disabled={!draft.alarms}
            value={shown(draft.holdSeconds)}
            onChange={(event) => {
              set({ holdSeconds: event.target.valueAsNumber });
            }}
          />{' '}
          s
        </label>
      </fieldset>
      <label>
        Zoom{' '}
        <select
          data-testid="screen-zoom"
          value={draft.zoom}
          onChange={(event) => {
            set({ zoom: Number(event.target.value) });
          }}
        >
          {zooms.map((zoom) => (
            <option key={zoom} value={zoom}>
              {Math.round(zoom * 100)} %
            </option>
          ))}
        </select>
      </label>
      {draft.schedules.length === 0 ? null : (
        <p className="muted">
          Its{' '}
          {draft.schedules.length === 1 ? 'schedule is' : `${draft.schedules.length} schedules are`}{' '}
          kept as they are: schedules are set in the config file (docs/displays.md).
        </p>
      )}
      {problem === null ? null : (
        <p role="alert" data-testid="screen-problem">
          {problem}
        </p>
      )}
      <div className="screen-editor-buttons">
        <button type="submit" disabled={busy} data-testid="screen-save">
          Save
        </button>
        <button type="button" onClick={cancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
