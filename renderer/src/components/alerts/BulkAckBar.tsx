import { useState, type RefObject, type SubmitEvent } from 'react';
import { useBridge } from '../../bridge/bridge-context.js';
import { invokeChecked } from '../../bridge/invoke-checked.js';

export interface AlertRef {
  readonly siteId: string;
  readonly alertId: string;
}

interface BulkAckBarProps {
  readonly selected: readonly AlertRef[];
  readonly comment: RefObject<HTMLInputElement | null>;
  readonly onDone: () => void;
}

/**
 * Acknowledges every selected alert with one comment, one command each (each is its own
 * acknowledgement, delivered and confirmed on its own): says how many went, and why any did not.
 */
export function BulkAckBar({ selected, comment, onDone }: BulkAckBarProps) {
  const bridge = useBridge();
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<string | null>(null);

  const submit = async (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (selected.length === 0) return;
    setBusy(true);
    const failures: string[] = [];
    for (const { siteId, alertId } of selected) {
      const answer = await invokeChecked(bridge, 'alert.ack', { siteId, alertId, comment: text });
      if (!answer.ok) failures.push(answer.error.message);
    }
    setBusy(false);
    const sent = selected.length - failures.length;
    setResult(
      `${sent} acknowledgement${sent === 1 ? '' : 's'} sent` +
        (failures.length === 0 ? '' : `; ${failures.length} refused: ${failures[0] ?? ''}`),
    );
    setText('');
    onDone();
  };

  return (
    <form
      className="bulk-ack"
      data-testid="bulk-ack"
      onSubmit={(event) => {
        void submit(event);
      }}
    >
      <span className="bulk-ack__count" data-testid="bulk-ack-count">
        {selected.length} selected
      </span>
      <input
        ref={comment}
        type="text"
        aria-label="Acknowledgement comment"
        placeholder="Comment for the acknowledgement"
        maxLength={2000}
        value={text}
        data-testid="bulk-ack-comment"
        onChange={(event) => {
          setText(event.target.value);
        }}
      />
      <button type="submit" disabled={busy || selected.length === 0} data-testid="bulk-ack-submit">
        Acknowledge {selected.length === 0 ? '' : selected.length}
      </button>
      {result === null ? null : (
        <span role="status" data-testid="bulk-ack-result">
          {result}
        </span>
      )}
    </form>
  );
}
