import type { WindowHealth } from '../../../../shared/bridge/window-health.js';
import { useCommand } from '../../bridge/use-command.js';
import { useNow } from '../../clock/clock-context.js';

function counts(w: WindowHealth): string {
  const parts = [
    `${w.crashes} ${w.crashes === 1 ? 'crash' : 'crashes'}`,
    `${w.hangs} ${w.hangs === 1 ? 'hang' : 'hangs'}`,
    `${w.reloads} ${w.reloads === 1 ? 'reload' : 'reloads'} after a crash`,
  ];
  if (w.crashPages > 0) parts.push(`crash page shown ${w.crashPages}×`);
  return parts.join(', ');
}

/**
 * The desktop app's board windows and how each has fared (`app.windows`): crashes, hangs and
 * reloads since it opened, the last crash's reason, planned reloads above the memory ceiling and
 * the memory at the last reading. Read again each minute. Nothing in a browser (`serve`): a TV's
 * browser is its own.
 */
export function WindowHealthTable() {
  const loaded = useCommand('app.windows', {}, useNow(60_000));
  if (loaded.state === 'loading') return null;
  if (loaded.state === 'failed') {
    return (
      <p className="muted" role="alert">
        The app&apos;s windows: {loaded.message}
      </p>
    );
  }
  const windows = loaded.value;
  if (windows === null) return null;
  return (
    <section aria-label="This app's windows" data-testid="window-health">
      <h2>This app&apos;s windows</h2>
      <table className="screens-table">
        <thead>
          <tr>
            <th scope="col">Window</th>
            <th scope="col">Since it opened</th>
            <th scope="col">Last crash</th>
            <th scope="col">Planned reloads (memory)</th>
            <th scope="col">Memory</th>
          </tr>
        </thead>
        <tbody>
          {windows.map((w) => (
            <tr key={w.screen ?? 0} data-testid="window-health-row">
              <th scope="row">{w.screen === null ? 'The board' : `Screen ${w.screen}`}</th>
              <td>{counts(w)}</td>
              <td>{w.lastCrashReason ?? '—'}</td>
              <td>{w.plannedReloads}</td>
              <td>{w.memoryMb === null ? '—' : `${w.memoryMb} MB`}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
