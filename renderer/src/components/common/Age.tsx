import { useAgeText } from '../../clock/clock-context.js';

interface AgeProps {
  /** Hub-clock timestamp the age counts from; null shows "never". */
  readonly since: number | null;
  readonly testId?: string;
  readonly className?: string;
}

/**
 * How long ago `since` was, by the board's clock. It re-renders itself when its words change
 * ("4 s" → "5 s"; "3 min" only once a minute), never the tile or row around it.
 */
export function Age({ since, testId, className = 'age' }: AgeProps) {
  const text = useAgeText(since);
  return (
    <span className={className} data-testid={testId}>
      {text}
    </span>
  );
}
