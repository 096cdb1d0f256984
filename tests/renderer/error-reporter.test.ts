import { describe, expect, it } from 'vitest';
import { ReportErrorArgs } from '../../shared/bridge/contract.js';
import {
  createErrorReporter,
  REPORT_REPEAT_MS,
  REPORTS_PER_SCOPE,
  type ErrorReport,
} from '../../renderer/src/errors/error-reporter.js';
import { FakeClock } from '../support/fake-clock.js';

function setUp(send: (report: ErrorReport) => Promise<unknown> = () => Promise.resolve()) {
  const clock = new FakeClock();
  const sent: ErrorReport[] = [];
  const report = createErrorReporter((r) => {
    sent.push(r);
    return send(r);
  }, clock);
  return { clock, sent, report };
}

const boom = (scope: string, message = 'boom'): ErrorReport => ({ scope, message, stack: null });

describe('createErrorReporter', () => {
  it('sends one report per scope and message per minute, whatever the repeats', () => {
    const { clock, sent, report } = setUp();
    for (let i = 0; i < 100; i += 1) report(boom('tile:a'));
    report(boom('tile:b'));
    expect(sent.map((r) => r.scope)).toEqual(['tile:a', 'tile:b']);
    clock.advance(REPORT_REPEAT_MS);
    report(boom('tile:a'));
    expect(sent).toHaveLength(3);
  });

  it('caps one scope whose message keeps changing', () => {
    const { sent, report } = setUp();
    for (let i = 0; i < 50; i += 1) report(boom('window:error', `error #${i}`));
    expect(sent).toHaveLength(REPORTS_PER_SCOPE);
  });

  it("cuts text to the contract's limits and survives a host that fails", async () => {
    const { sent, report } = setUp(() => Promise.reject(new Error('host gone')));
    report({ scope: 'x'.repeat(300), message: 'm'.repeat(5000), stack: 's'.repeat(10_000) });
    await Promise.resolve();
    expect(sent[0]?.scope).toHaveLength(200);
    expect(sent[0]?.message).toHaveLength(2000);
    expect(sent[0]?.stack).toHaveLength(8000);
    // What the host's schema accepts, to the character: a longer text would be refused whole.
    expect(ReportErrorArgs.safeParse(sent[0]).success).toBe(true);
    expect(ReportErrorArgs.safeParse({ ...sent[0], message: 'm'.repeat(2001) }).success).toBe(
      false,
    );
  });
});
