import { shown, type ViewDraft, type ViewKind } from '../../screens/layout-draft.js';

const VIEW_NAMES: Readonly<Record<ViewKind, string>> = {
  wall: 'Wall',
  sla: 'SLA board',
  alerts: 'Alerts',
  site: 'One site',
};

export interface Choices {
  readonly customers: readonly string[];
  readonly sites: readonly { readonly id: string; readonly name: string }[];
}

/** The fleet's customers, and any the entry names that the fleet does not (kept, not dropped). */
function customerChoices(fleet: readonly string[], chosen: readonly string[]): string[] {
  return [...new Set([...fleet, ...chosen])].sort();
}

/** One entry of a playlist in the screen editor: which view, of what, and for how long. */
export function ViewFields({
  index,
  count,
  draft,
  choices,
  change,
  move,
  drop,
}: {
  index: number;
  count: number;
  draft: ViewDraft;
  choices: Choices;
  change: (next: ViewDraft) => void;
  move: (by: -1 | 1) => void;
  drop: () => void;
}) {
  const label = `View ${index + 1}`;
  return (
    <fieldset className="screen-view-fields" data-testid="screen-view-fields">
      <legend>{label}</legend>
      <select
        aria-label={`${label}: what it shows`}
        data-testid="screen-view-kind"
        value={draft.view}
        onChange={(event) => {
          change({ ...draft, view: event.target.value as ViewKind });
        }}
      >
        {(Object.keys(VIEW_NAMES) as ViewKind[]).map((kind) => (
          <option key={kind} value={kind}>
            {VIEW_NAMES[kind]}
          </option>
        ))}
      </select>
      {draft.view === 'wall' ? (
        <label>
          <input
            type="checkbox"
            checked={draft.slaPanel}
            onChange={(event) => {
              change({ ...draft, slaPanel: event.target.checked });
            }}
          />{' '}
          SLA panel
        </label>
      ) : null}
      {draft.view === 'site' ? null : (
        <>
          <label>
            customers
            <select
              multiple
              aria-label={`${label}: customers (none chosen: all)`}
              data-testid="screen-view-customers"
              value={[...draft.customers]}
              size={Math.min(4, Math.max(2, choices.customers.length))}
              onChange={(event) => {
                const chosen = [...event.target.selectedOptions].map((option) => option.value);
                change({ ...draft, customers: chosen });
              }}
            >
              {customerChoices(choices.customers, draft.customers).map((customer) => (
                <option key={customer} value={customer}>
                  {customer}
                </option>
              ))}
            </select>
            <span className="muted">(none chosen: all)</span>
          </label>
          {draft.sites.length > 0 ? (
            <span className="muted"> and {draft.sites.length} sites (from the config)</span>
          ) : null}
        </>
      )}
      {draft.view === 'site' ? (
        <select
          aria-label={`${label}: site`}
          data-testid="screen-view-site"
          value={draft.siteId}
          onChange={(event) => {
            change({ ...draft, siteId: event.target.value });
          }}
        >
          <option value="">Choose a site…</option>
          {choices.sites.map((site) => (
            <option key={site.id} value={site.id}>
              {site.name}
            </option>
          ))}
        </select>
      ) : null}
      <label>
        for{' '}
        <input
          type="number"
          min={5}
          max={86_400}
          aria-label={`${label}: seconds shown`}
          required
          data-testid="screen-view-dwell"
          value={shown(draft.dwellSeconds)}
          onChange={(event) => {
            change({ ...draft, dwellSeconds: event.target.valueAsNumber });
          }}
        />{' '}
        s
      </label>
      <button
        type="button"
        aria-label={`${label}: earlier`}
        disabled={index === 0}
        onClick={() => {
          move(-1);
        }}
      >
        ↑
      </button>
      <button
        type="button"
        aria-label={`${label}: later`}
        disabled={index === count - 1}
        onClick={() => {
          move(1);
        }}
      >
        ↓
      </button>
      <button type="button" aria-label={`${label}: remove`} disabled={count === 1} onClick={drop}>
        Remove
      </button>
    </fieldset>
  );
}
