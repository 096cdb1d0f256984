import { cleanup } from '@testing-library/react';
import { afterEach, beforeEach, vi } from 'vitest';
import { T0 } from './fleet-fixtures.js';

/**
 * Fake timers from T0 for each test of the file; after it, the app unmounted, the hash cleared
 * and real timers back, so no page state outlives its test. Call once at the top of a test file.
 */
export function pagePerTest(): void {
  beforeEach(() => {
    vi.useFakeTimers({ now: T0 });
  });
  afterEach(() => {
    cleanup();
    window.location.hash = '';
    vi.useRealTimers();
  });
}
