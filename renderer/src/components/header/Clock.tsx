import { useNow } from '../../clock/clock-context.js';
import { formatClock } from '../../format/time.js';

/** The big wall clock: the hub's time in this screen's time zone. */
export function Clock() {
  const now = useNow(1000);
  return (
    <time className="clock" data-testid="clock" dateTime={new Date(now).toISOString()}>
      {formatClock(now)}
    </time>
  );
}
