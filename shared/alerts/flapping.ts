/**
 * Flap detection by the Nagios method (nagioscore base/flapping.c): the last 21 states of a
 * check; each of the 20 transitions between them that is a change adds a weight, from 0.75 for
 * the oldest to 1.25 for the newest, so recent changes count more; the flap percentage is
 * 100 × Σ weights / 20. A check starts flapping at or above the high threshold, stops at or
 * below the low one, and keeps its state in between (hysteresis), so it does not flap in and
 * out of "flapping". Pure: the caller keeps the states.
 */

/** States kept per check (20 transitions). */
export const FLAP_STATES = 21;

export interface FlapThresholds {
  /** Start flapping at or above this percentage (Nagios's sample config: 20). */
  readonly high: number;
  /** Stop flapping at or below this percentage (sample config: 5). */
  readonly low: number;
}

export const DEFAULT_FLAP_THRESHOLDS: FlapThresholds = { high: 20, low: 5 };

/** The weight of transition `x` (1 = oldest … 20 = newest). */
export function transitionWeight(x: number): number {
  return 0.75 + ((x - 1) * 0.5) / (FLAP_STATES - 2);
}

/**
 * The flap percentage of `states`, oldest first (true: in problem), of which the newest
 * FLAP_STATES count. Fewer states count as the oldest missing ones equal to the first known, as
 * Nagios starts its ring filled with the current state: a new check is not flapping.
 */
export function flapPercent(states: readonly boolean[]): number {
  const recent = states.slice(-FLAP_STATES);
  const first = recent[0];
  if (first === undefined) return 0;
  const ring = [...Array<boolean>(FLAP_STATES - recent.length).fill(first), ...recent];
  let sum = 0;
  for (let x = 1; x < FLAP_STATES; x++) {
    if (ring[x] !== ring[x - 1]) sum += transitionWeight(x);
  }
  return (100 * sum) / (FLAP_STATES - 1);
}

/** Whether the check is flapping now, given whether it was and its percentage. */
export function isFlapping(
  wasFlapping: boolean,
  percent: number,
  thresholds: FlapThresholds = DEFAULT_FLAP_THRESHOLDS,
): boolean {
  if (percent >= thresholds.high) return true;
  if (percent <= thresholds.low) return false;
  return wasFlapping;
}

/** One check's flap state, updated with each new state (keeps at most FLAP_STATES). */
export interface FlapRecord {
  readonly states: readonly boolean[];
  readonly percent: number;
  readonly flapping: boolean;
}

export const NEW_FLAP_RECORD: FlapRecord = { states: [], percent: 0, flapping: false };

export function recordState(
  record: FlapRecord,
  inProblem: boolean,
  thresholds: FlapThresholds = DEFAULT_FLAP_THRESHOLDS,
): FlapRecord {
  const states = [...record.states, inProblem].slice(-FLAP_STATES);
  const percent = flapPercent(states);
  return { states, percent, flapping: isFlapping(record.flapping, percent, thresholds) };
}
