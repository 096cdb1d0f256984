import { cpus } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Waits until the machine's cores are mostly idle: `windows` windows of `windowMs` in a row with
 * less than `busyBelow` of all cores' time busy (os.cpus(), every process). A benchmark calls
 * it before each timed load, so a load is not charged for the last one's teardown (a closed
 * browser context's renderer freeing a 50,000-device heap on the same two cores). Gives up after
 * `timeoutMs` and says so: the caller reports how many loads began on a quiet machine.
 */
export async function waitForQuiet({
  busyBelow = 0.25,
  windowMs = 200,
  windows = 2,
  timeoutMs = 10_000,
}: {
  busyBelow?: number;
  windowMs?: number;
  windows?: number;
  timeoutMs?: number;
} = {}): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  let quiet = 0;
  let before = cpuTimes();
  while (Date.now() < deadline) {
    await sleep(windowMs);
    const after = cpuTimes();
    const total = after.total - before.total;
    // No time counted (no CPU counters here): not quiet, so the report cannot claim it.
    const busy = total > 0 ? (after.busy - before.busy) / total : 1;
    before = after;
    quiet = busy < busyBelow ? quiet + 1 : 0;
    if (quiet >= windows) return true;
  }
  return false;
}

function cpuTimes(): { busy: number; total: number } {
  let busy = 0;
  let total = 0;
  for (const { times } of cpus()) {
    const all = times.user + times.nice + times.sys + times.irq + times.idle;
    total += all;
    busy += all - times.idle;
  }
  return { busy, total };
}
