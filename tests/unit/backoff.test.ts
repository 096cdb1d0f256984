import { describe, expect, it } from 'vitest';
import { backoffDelay } from '../../electron/hub/links/backoff.js';

const options = { initialDelayMs: 500, maxDelayMs: 30_000 };

describe('backoffDelay', () => {
  it('doubles per attempt between half and all of the exponential delay', () => {
    expect(backoffDelay(0, options, () => 0)).toBe(250);
    expect(backoffDelay(0, options, () => 1)).toBe(500);
    expect(backoffDelay(3, options, () => 0)).toBe(2000);
    expect(backoffDelay(3, options, () => 1)).toBe(4000);
  });

  it('never exceeds the cap, even after very many attempts', () => {
    expect(backoffDelay(50, options, () => 1)).toBe(30_000);
    expect(backoffDelay(1_000_000, options, () => 0.5)).toBe(22_500);
  });

  it('spreads a fleet that dropped together', () => {
    let x = 0;
    const random = () => (x = (x * 9301 + 49297) % 233280) / 233280;
    const delays = new Set(Array.from({ length: 20 }, () => backoffDelay(4, options, random)));
    expect(delays.size).toBeGreaterThan(15);
  });
});
