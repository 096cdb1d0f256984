import { useState, type SubmitEvent } from 'react';

/**
 * The plan to resolve an incident, as a technician records it (its plan clock stops): what is
 * wrong, what will be done, by when. Kept on the incident's timeline.
 */
export function PlanForm({
  busy,
  record,
  cancel,
}: {
  busy: boolean;
  record: (plan: string) => void;
  cancel: () => void;
}) {
  const [plan, setPlan] = useState('');
  const submit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    record(plan);
  };
  return (
    <form className="sla-actions__form" data-testid="sla-plan-form" onSubmit={submit}>
      <input
        aria-label="The plan"
        placeholder="The plan: what is wrong, what will be done, by when"
        maxLength={2000}
        required
        size={48}
        value={plan}
        data-testid="sla-plan-text"
        onChange={(e) => {
          setPlan(e.target.value);
        }}
      />
      <button type="submit" disabled={busy}>
        Record the plan
      </button>
      <button type="button" onClick={cancel}>
        Cancel
      </button>
    </form>
  );
}
