import { describe, expect, it } from 'vitest';
import { systemClock } from '../../shared/system-clock.js';

describe('the system clock in shared/', () => {
  it('fires a timer, and its Node timer is unref’d so it never keeps the process alive', async () => {
    let handle: ReturnType<typeof systemClock.setTimeout> | undefined;
    await new Promise<void>((resolve) => {
      handle = systemClock.setTimeout(resolve, 1);
    });
    expect((handle as unknown as NodeJS.Timeout).hasRef()).toBe(false);
  });

  it('cancels a timer on clearTimeout', async () => {
    let fired = false;
    const handle = systemClock.setTimeout(() => {
      fired = true;
    }, 1);
    systemClock.clearTimeout(handle);
    // A later timer firing means the cancelled one's moment has passed.
    await new Promise<void>((resolve) => systemClock.setTimeout(resolve, 20));
    expect(fired).toBe(false);
  });
});
