import { useEffect, useState, type SubmitEvent } from 'react';
import type { ScheduledWindow } from '../../../../shared/maintenance/maintenance-window.js';
import { useBridge } from '../../bridge/bridge-context.js';
import { invokeChecked } from '../../bridge/invoke-checked.js';
import { formatDateTime } from '../../history/local-time.js';
import { useFleet } from '../../store/store-context.js';

const DURATIONS = [30, 60, 120, 240, 480, 1440] as const;
const REPEATS = [
  { label: 'once', rrule: null },
  { label: 'every day', rrule: 'FREQ=DAILY' },
  { label: 'every week, same day', rrule: 'FREQ=WEEKLY' },
] as const;

const describeMinutes = (minutes: number) =>
  minutes < 60 ? `${minutes} min` : `${minutes / 60} h`;

type Loaded =
  | { readonly kind: 'loading' }
  | { readonly kind: 'error'; readonly message: string }
  | { readonly kind: 'done'; readonly windows: readonly ScheduledWindow[] };

/**
 * The site's maintenance windows: what is planned (from the config and by technicians), what runs
 * now, and, for a technician, a form to plan one and a button to cancel one they or a colleague
 * set. Times are entered in the site's own time zone.
 */
export function MaintenancePanel({ siteId }: { siteId: string }) {
  const bridge = useBridge();
  const technician = useFleet((s) => s.info?.technician ?? null);
  // Null until the site has said hello: local times cannot be read without its zone.
  const timeZone = useFleet((s) => s.sites.get(siteId)?.timeZone ?? null);
  // Reload when what runs changes (a window starts or ends): a key, not the array, which is new
  // with every health update of the site.
  const running = useFleet(
    (s) =>
      s.sites
        .get(siteId)
        ?.maintenance.map((m) => `${m.windowId}:${m.until}`)
        .join('|') ?? '',
  );
  const [busy, setBusy] = useState(false);
  const [loaded, setLoaded] = useState<Loaded>({ kind: 'loading' });
  const [generation, setGeneration] = useState(0);
  const [reason, setReason] = useState('');
  const [start, setStart] = useState('');
  const [minutes, setMinutes] = useState<number>(60);
  const [repeat, setRepeat] = useState(0);
  const [message, setMessage] = useState<string | null>(null);

  useEffect(() => {
    let current = true;
    void invokeChecked(bridge, 'maintenance.list', { siteId }).then((answer) => {
      if (!current) return;
      setLoaded(
        answer.ok
          ? { kind: 'done', windows: answer.value.windows }
          : { kind: 'error', message: answer.error.message },
      );
    });
    return () => {
      current = false;
    };
  }, [bridge, siteId, running, generation]);

  const create = async (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (timeZone === null || busy) return;
    setBusy(true);
    const rrule = REPEATS[repeat]?.rrule ?? null;
    const answer = await invokeChecked(bridge, 'maintenance.create', {
      siteId,
      reason,
      timeZone,
      start,
      durationMinutes: minutes,
      ...(rrule === null ? {} : { rrule }),
    });
    setBusy(false);
    setMessage(answer.ok ? 'Scheduled.' : answer.error.message);
    if (answer.ok) setReason('');
    setGeneration((g) => g + 1);
  };
  const cancel = async (windowId: string) => {
    const answer = await invokeChecked(bridge, 'maintenance.cancel', { windowId });
    setMessage(answer.ok ? 'Cancelled.' : answer.error.message);
    setGeneration((g) => g + 1);
  };

  return (
    <section className="maintenance-panel" data-testid="maintenance-panel">
      <h2>Maintenance</h2>
      {loaded.kind === 'loading' ? <p className="muted">Loading…</p> : null}
      {loaded.kind === 'error' ? <p role="alert">{loaded.message}</p> : null}
      {loaded.kind === 'done' && loaded.windows.length === 0 ? (
        <p className="muted">None planned.</p>
      ) : null}
      {loaded.kind === 'done' && loaded.windows.length > 0 ? (
        <ul>
          {loaded.windows.map(({ window, source, createdBy, next }) => (
            <li key={window.id} data-testid="maintenance-window" data-window-id={window.id}>
              <bdi>{window.reason}</bdi>
              <span className="muted">
                {' '}
                ·{' '}
                {next === null
                  ? 'no occurrence within 31 days'
                  : `${formatDateTime(next.start)} – ${formatDateTime(next.end)}`}
                {window.rrule === undefined ? '' : ` · repeats (${window.rrule})`} ·{' '}
                {source === 'config'
                  ? 'from the config file'
                  : `set by ${createdBy ?? 'a technician'}`}
              </span>
              {technician !== null && source === 'technician' ? (
                <button
                  type="button"
                  data-testid="maintenance-cancel"
                  onClick={() => {
                    void cancel(window.id);
                  }}
                >
                  Cancel
                </button>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
      {technician !== null && timeZone === null ? (
        <p className="muted" data-testid="maintenance-no-zone">
          The site has not said which time zone it is in yet: maintenance can be planned once it
          has.
        </p>
      ) : null}
      {technician === null || timeZone === null ? null : (
        <form
          className="maintenance-form"
          data-testid="maintenance-form"
          onSubmit={(event) => {
            void create(event);
          }}
        >
          <input
            type="text"
            aria-label="What the work is"
            placeholder="What the work is"
            maxLength={500}
            value={reason}
            data-testid="maintenance-reason"
            onChange={(event) => {
              setReason(event.target.value);
            }}
          />
          <label>
            starts{' '}
            <input
              type="datetime-local"
              value={start}
              data-testid="maintenance-start"
              onChange={(event) => {
                setStart(event.target.value);
              }}
            />{' '}
            <span className="muted">({timeZone})</span>
          </label>
          <select
            aria-label="For how long"
            value={minutes}
            onChange={(event) => {
              setMinutes(Number(event.target.value));
            }}
          >
            {DURATIONS.map((m) => (
              <option key={m} value={m}>
                {describeMinutes(m)}
              </option>
            ))}
          </select>
          <select
            aria-label="Repeats"
            value={repeat}
            onChange={(event) => {
              setRepeat(Number(event.target.value));
            }}
          >
            {REPEATS.map((r, i) => (
              <option key={r.label} value={i}>
                {r.label}
              </option>
            ))}
          </select>
          <button type="submit" disabled={busy} data-testid="maintenance-submit">
            Schedule maintenance
          </button>
        </form>
      )}
      {message === null ? null : (
        <p role="status" data-testid="maintenance-message">
          {message}
        </p>
      )}
    </section>
  );
}
