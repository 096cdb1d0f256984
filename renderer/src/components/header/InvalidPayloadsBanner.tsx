import { useEffect, useState } from 'react';
import { useBoardClock } from '../../clock/clock-context.js';
import { Age } from '../common/Age.js';

/** The banner goes once this long has passed without another invalid payload. */
export const INVALID_BANNER_QUIET_MS = 10 * 60_000;

/**
 * Says that payloads were dropped, how many, how long ago the latest was and what was wrong with
 * it. A hub that sent one bad delta last night should not keep a banner on the wall all day: after
 * ten quiet minutes it goes (the count stays in the store), and the next bad payload brings it back.
 */
interface InvalidPayloadsBannerProps {
  /** Payloads dropped since the page opened. */
  readonly count: number;
  /** The latest one's problem. */
  readonly last: string | null;
  /** When the latest one arrived (hub time). */
  readonly at: number;
}

export function InvalidPayloadsBanner({ count, last, at }: InvalidPayloadsBannerProps) {
  const clock = useBoardClock();
  // The `at` whose quiet stretch has passed: the banner is hidden while it is still the latest.
  const [quietAfter, setQuietAfter] = useState<number | null>(() =>
    clock.now() >= at + INVALID_BANNER_QUIET_MS ? at : null,
  );
  useEffect(
    () =>
      clock.at(at + INVALID_BANNER_QUIET_MS, () => {
        setQuietAfter(at);
      }),
    [clock, at],
  );
  if (quietAfter === at) return null;
  const one = count === 1;
  return (
    <div className="banner banner--error" data-testid="invalid-payloads" role="status">
      {count} {one ? 'update' : 'updates'} from the hub broke the contract and{' '}
      {one ? 'was' : 'were'} dropped; the board shows the last good state. Latest{' '}
      <Age since={at} testId="invalid-age" ago />: {last}
    </div>
  );
}
