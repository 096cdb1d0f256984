import { useState, type SubmitEvent } from 'react';
import type { Incident } from '../../../../shared/sla/incident.js';
import { PRIORITIES, type Priority } from '../../../../shared/sla/contract.js';
import { useBridge } from '../../bridge/bridge-context.js';
import { invokeChecked } from '../../bridge/invoke-checked.js';
import { IncidentAck } from './IncidentAck.js';
import { PlanForm } from './PlanForm.js';

type Form = 'pause' | 'plan' | 'priority' | null;

/**
 * A technician's controls on one incident: acknowledge its alert (the response), pause (waiting
 * on the customer, or on a vendor with their ticket), resume, record the plan (where its
 * priority has a plan target), resolve, change the priority with a reason. Shown only to a window that
 * acts as a technician; the host checks again. The answer's incident reaches every window
 * through the fleet's deltas; a refusal is shown with its reason.
 */
export function SlaActions({ incident }: { incident: Incident }) {
  const bridge = useBridge();
  const [form, setForm] = useState<Form>(null);
  const [reason, setReason] = useState<'customer' | 'vendor'>('vendor');
  const [vendor, setVendor] = useState('');
  const [reference, setReference] = useState('');
  const [priority, setPriority] = useState<Priority>(incident.priority);
  const [why, setWhy] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const incidentId = incident.id;

  const send = async (run: () => Promise<{ ok: boolean; error?: { message: string } }>) => {
    setBusy(true);
    setError(null);
    const answer = await run();
    setBusy(false);
    if (answer.ok) setForm(null);
    else setError(answer.error?.message ?? 'refused');
  };
  const pause = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    void send(() =>
      invokeChecked(bridge, 'sla.pause', {
        incidentId,
        reason,
        vendor: reason === 'vendor' ? vendor : null,
        reference: reason === 'vendor' && reference !== '' ? reference : null,
        comment: '',
      }),
    );
  };
  const reprioritise = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    void send(() => invokeChecked(bridge, 'sla.priority', { incidentId, priority, reason: why }));
  };

  return (
    <span className="sla-actions">
      {incident.response.stoppedAt === null ? (
        <IncidentAck siteId={incident.siteId} alertId={incident.alertId} />
      ) : null}
      {incident.pause === null ? (
        <button
          type="button"
          data-testid="sla-pause-button"
          disabled={busy}
          onClick={() => {
            setForm('pause');
          }}
        >
          Pause…
        </button>
      ) : (
        <button
          type="button"
          data-testid="sla-resume-button"
          disabled={busy}
          onClick={() =>
            void send(() => invokeChecked(bridge, 'sla.resume', { incidentId, comment: '' }))
          }
        >
          Resume
        </button>
      )}
      {incident.plan !== null && incident.plan.stoppedAt === null ? (
        <button
          type="button"
          data-testid="sla-plan-button"
          disabled={busy}
          onClick={() => {
            setForm('plan');
          }}
        >
          Plan…
        </button>
      ) : null}
      <button
        type="button"
        data-testid="sla-priority-button"
        disabled={busy}
        onClick={() => {
          setForm('priority');
        }}
      >
        Priority…
      </button>
      <button
        type="button"
        data-testid="sla-resolve-button"
        disabled={busy}
        onClick={() =>
          void send(() => invokeChecked(bridge, 'sla.resolve', { incidentId, comment: '' }))
        }
      >
        Resolve
      </button>
      {form === 'pause' ? (
        <form className="sla-actions__form" data-testid="sla-pause-form" onSubmit={pause}>
          <select
            aria-label="Waiting on"
            value={reason}
            onChange={(e) => {
              setReason(e.target.value === 'customer' ? 'customer' : 'vendor');
            }}
          >
            <option value="vendor">a vendor</option>
            <option value="customer">the customer</option>
          </select>
          {reason === 'vendor' ? (
            <>
              <input
                aria-label="Vendor"
                placeholder="Vendor (e.g. the ISP)"
                value={vendor}
                onChange={(e) => {
                  setVendor(e.target.value);
                }}
              />
              <input
                aria-label="Their ticket"
                placeholder="Their ticket"
                value={reference}
                onChange={(e) => {
                  setReference(e.target.value);
                }}
              />
            </>
          ) : null}
          <button type="submit" disabled={busy}>
            Pause
          </button>
          <button
            type="button"
            onClick={() => {
              setForm(null);
            }}
          >
            Cancel
          </button>
        </form>
      ) : null}
      {form === 'plan' ? (
        <PlanForm
          busy={busy}
          record={(plan) => {
            void send(() => invokeChecked(bridge, 'sla.plan', { incidentId, plan }));
          }}
          cancel={() => {
            setForm(null);
          }}
        />
      ) : null}
      {form === 'priority' ? (
        <form className="sla-actions__form" data-testid="sla-priority-form" onSubmit={reprioritise}>
          <select
            aria-label="Priority"
            value={priority}
            onChange={(e) => {
              setPriority(PRIORITIES.find((p) => p === e.target.value) ?? incident.priority);
            }}
          >
            {PRIORITIES.map((p) => (
              <option key={p} value={p}>
                {p}
              </option>
            ))}
          </select>
          <input
            aria-label="Why"
            placeholder="Why"
            value={why}
            onChange={(e) => {
              setWhy(e.target.value);
            }}
          />
          <button type="submit" disabled={busy}>
            Change
          </button>
          <button
            type="button"
            onClick={() => {
              setForm(null);
            }}
          >
            Cancel
          </button>
        </form>
      ) : null}
      {error ? (
        <span role="alert" data-testid="sla-action-error">
          {error}
        </span>
      ) : null}
    </span>
  );
}
