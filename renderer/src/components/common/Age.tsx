import { useServerNow } from '../../clock/use-server-now.js';
import { formatAge } from '../../format/time.js';

interface AgeProps {
  /** Hub-clock timestamp the age counts from; null shows "never". */
  readonly since: number | null;
  readonly testId?: string;
  readonly className?: string;
}

/**
 * How long ago `since` was, by the shared clock. Its own component so the clock's tick re-renders
 * this one span, not the tile or row around it.
 */
export function Age({ since, testId, className = 'age' }: AgeProps) {
  const now = useServerNow(1000);
  const age = since === null ? null : Math.max(0, now - since);
  return (
    <span className={className} data-testid={testId}>
      {formatAge(age)}
    </span>
  );
}
