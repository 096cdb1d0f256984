import { useState, type SubmitEvent } from 'react';
import type { AckStatus } from '../../../../shared/alerts/alert-state.js';
import { useBridge } from '../../bridge/bridge-context.js';
import { invokeChecked } from '../../bridge/invoke-checked.js';

/** How long an acknowledgement may last, as offered (minutes; null: until the alert clears). */
const EXPIRY_CHOICES: readonly { readonly label: string; readonly minutes: number | null }[] = [
  { label: 'until it clears', minutes: null },
  { label: '30 minutes', minutes: 30 },
  { label: '1 hour', minutes: 60 },
  { label: '4 hours', minutes: 240 },
  { label: '24 hours', minutes: 1440 },
];

interface AckFormProps {
  readonly siteId: string;
  readonly alertId: string;
  readonly status: AckStatus;
}

/**
 * A technician's controls on one alert: acknowledge (with a comment, how long, and whether it
 * survives a change of severity) or withdraw an acknowledgement. Shown only to a window that
 * acts as a technician; the host checks again, whatever the page does. Who acts is not asked:
 * the host knows.
 */
export function AckForm({ siteId, alertId, status }: AckFormProps) {
  const bridge = useBridge();
  const [open, setOpen] = useState(false);
  const [comment, setComment] = useState('');
  const [minutes, setMinutes] = useState<number | null>(null);
  const [sticky, setSticky] = useState(true);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  if (status === 'pending') return null;

  const send = async (run: () => ReturnType<typeof invokeChecked<'alert.ack'>>) => {
    setBusy(true);
    setError(null);
    const answer = await run();
    setBusy(false);
    if (answer.ok) {
      setOpen(false);
      setComment('');
    } else {
      setError(answer.error.message);
    }
  };

  const acknowledge = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    void send(() =>
      invokeChecked(bridge, 'alert.ack', {
        siteId,
        alertId,
        comment,
        sticky,
        expiresInMinutes: minutes,
      }),
    );
  };
  const withdraw = () => {
    void send(() => invokeChecked(bridge, 'alert.unack', { siteId, alertId, comment: '' }));
  };

  if (status === 'acknowledged') {
    return (
      <span className="ack-form">
        <button type="button" data-testid="unack-button" disabled={busy} onClick={withdraw}>
          Withdraw acknowledgement
        </button>
        {error ? <span role="alert">{error}</span> : null}
      </span>
    );
  }
  if (!open) {
    return (
      <span className="ack-form">
        <button
          type="button"
          data-testid="ack-button"
          onClick={() => {
            setOpen(true);
          }}
        >
          Acknowledge
        </button>
      </span>
    );
  }
  return (
    <form className="ack-form ack-form--open" onSubmit={acknowledge} data-testid="ack-form">
      <input
        type="text"
        aria-label="Comment"
        placeholder="Comment (what you are doing about it)"
        maxLength={2000}
        value={comment}
        data-testid="ack-comment"
        onChange={(event) => {
          setComment(event.target.value);
        }}
      />
      <select
        aria-label="For how long"
        value={minutes === null ? '' : String(minutes)}
        onChange={(event) => {
          setMinutes(event.target.value === '' ? null : Number(event.target.value));
        }}
      >
        {EXPIRY_CHOICES.map((choice) => (
          <option key={choice.label} value={choice.minutes === null ? '' : String(choice.minutes)}>
            {choice.label}
          </option>
        ))}
      </select>
      <label>
        <input
          type="checkbox"
          checked={sticky}
          onChange={(event) => {
            setSticky(event.target.checked);
          }}
        />{' '}
        keep if the severity changes
      </label>
      <button type="submit" disabled={busy} data-testid="ack-submit">
        Acknowledge
      </button>
      <button
        type="button"
        onClick={() => {
          setOpen(false);
        }}
      >
        Cancel
      </button>
      {error ? <span role="alert">{error}</span> : null}
    </form>
  );
}
