import { useState } from 'react';
import { useBoardClock } from '../../clock/clock-context.js';
import { Age } from './Age.js';

/** A tile-sized box in the wall's grid, or a full-width panel in place of a view. */
export type FailedPartLook = 'tile' | 'view';

interface FailedPartProps {
  readonly scope: string;
  readonly what: string;
  readonly message: string;
  readonly look: FailedPartLook;
  /** Hub time the part first failed (it may have been retried since); null: it just did. */
  readonly since: number | null;
  readonly onRetry: () => void;
}

/**
 * What an error boundary shows instead of the part that threw: which part, why, since when (the
 * viewer can tell a fresh failure from one nobody has looked at for hours), and a retry (the
 * boundary also retries by itself).
 */
export function FailedPart({ scope, what, message, look, since, onRetry }: FailedPartProps) {
  const clock = useBoardClock();
  // Mounted when the part failed: unless it failed before, the first render's time is the failure's.
  const [failedAt] = useState(() => since ?? clock.now());
  return (
    <section
      className={`failed-part failed-part--${look}`}
      data-testid="failed-part"
      data-scope={scope}
      role="alert"
    >
      <h2 className="failed-part__what">{what} could not be shown</h2>
      <p className="failed-part__message">{message}</p>
      <p className="failed-part__age">
        Failed <Age since={failedAt} testId="failed-age" className="age" ago />
      </p>
      <button type="button" className="failed-part__retry" onClick={onRetry}>
        Retry
      </button>
    </section>
  );
}
