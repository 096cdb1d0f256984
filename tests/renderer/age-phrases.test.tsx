// @vitest-environment happy-dom
import { cleanup, render } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { BoardClock } from '../../renderer/src/clock/board-clock.js';
import { BoardClockContext } from '../../renderer/src/clock/clock-context.js';
import { FailedPart } from '../../renderer/src/components/common/FailedPart.js';
import { InvalidPayloadsBanner } from '../../renderer/src/components/header/InvalidPayloadsBanner.js';
import { describeAgo } from '../../renderer/src/format/time.js';
import { createFleetStore } from '../../renderer/src/store/fleet-store.js';
import { FleetStoreContext } from '../../renderer/src/store/store-context.js';
import { FakeClock } from '../support/fake-clock.js';
import { T0 } from './fleet-fixtures.js';
import { spokenText } from './render-helpers.js';

const HOUR = 3_600_000;
const SKEW = 5 * 60_000;

afterEach(cleanup);

/**
 * The times a sentence's age can meet: in the past, a little ahead of the board (within the
 * allowed skew: "just now"), and far ahead (a flag). None may read "… ago" after "just now" or
 * after the flag.
 */
const CASES = [
  { at: T0 - 5_000, phrase: '5 s ago' },
  { at: T0 + 60_000, phrase: 'just now' },
  { at: T0 + 3 * HOUR, phrase: 'site clock ahead by 3 h' },
] as const;

function withBoard(children: ReactNode) {
  const boardClock = new BoardClock(new FakeClock(T0));
  return render(
    <FleetStoreContext value={createFleetStore()}>
      <BoardClockContext value={boardClock}>{children}</BoardClockContext>
    </FleetStoreContext>,
  );
}

describe('describeAgo', () => {
  it('is the whole phrase: "ago" only after an age', () => {
    expect(describeAgo(null, T0, SKEW)).toBe('never');
    for (const { at, phrase } of CASES) expect(describeAgo(at, T0, SKEW)).toBe(phrase);
    // Within the slack of a tick, a time ahead is now, not the future.
    expect(describeAgo(T0 + 1_000, T0, SKEW)).toBe('0 s ago');
  });
});

describe('sentences with an age in them', () => {
  it.each(CASES)('the invalid-payload banner says "Latest $phrase:"', ({ at, phrase }) => {
    const { getByTestId } = withBoard(
      <InvalidPayloadsBanner count={2} last="fleet.delta: devices[0]" at={at} />,
    );
    expect(spokenText(getByTestId('invalid-payloads'))).toMatch(
      new RegExp(`Latest ${phrase}: fleet\\.delta: devices\\[0\\]$`),
    );
  });

  it.each(CASES)('a failed part says "Failed $phrase"', ({ at, phrase }) => {
    const { getByTestId } = withBoard(
      <FailedPart
        scope="tile:s1"
        what="The tile of site s1"
        message="boom"
        look="tile"
        since={at}
        onRetry={() => undefined}
      />,
    );
    const line = getByTestId('failed-part').querySelector('.failed-part__age');
    expect(spokenText(line)).toBe(`Failed ${phrase}`);
  });
});
