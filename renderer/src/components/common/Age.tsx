import { useAgeText } from '../../clock/clock-context.js';
import { useClockSkewMs } from '../../clock/use-clock-skew.js';
import { isClockAhead } from '../../format/time.js';

interface AgeProps {
  /** Hub-clock timestamp the age counts from (or a site's, which may run ahead); null: "never". */
  readonly since: number | null;
  readonly testId?: string;
  readonly className?: string;
  /**
   * The whole phrase for a sentence, "12 s ago" (or "just now", "site clock ahead by 3 h"): a
   * sentence uses this rather than writing " ago" after the age.
   */
  readonly ago?: boolean;
}

/**
 * How long ago `since` was, by the board's clock. It re-renders itself when its words change
 * ("4 s" → "5 s"; "3 min" only once a minute), never the tile or row around it. A time further
 * ahead of the hub than the allowed skew is not an age: it shows as a flag, "site clock ahead by
 * 3 h", marked `data-ahead` (and styled) so it cannot be read as fresh data.
 */
export function Age({ since, testId, className = 'age', ago = false }: AgeProps) {
  const text = useAgeText(since, useClockSkewMs(), ago);
  const ahead = isClockAhead(text);
  return (
    <span className={className} data-testid={testId} data-ahead={ahead || undefined}>
      {ahead ? (
        <>
          <span className="glyph" aria-hidden="true">
            ⚠
          </span>{' '}
        </>
      ) : null}
      {text}
    </span>
  );
}
