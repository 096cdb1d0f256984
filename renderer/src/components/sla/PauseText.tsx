import type { Incident } from '../../../../shared/sla/incident.js';

/** What a paused incident waits on: the vendor and their ticket, or the customer. */
export function PauseText({ pause }: { pause: Incident['pause'] }) {
  if (pause === null) return null;
  if (pause.reason !== 'vendor') return <>waiting on the customer</>;
  return (
    <>
      waiting on <bdi>{pause.vendor ?? 'a vendor'}</bdi>
      {pause.reference ? (
        <>
          {' '}
          · <bdi>{pause.reference}</bdi>
        </>
      ) : null}
    </>
  );
}
