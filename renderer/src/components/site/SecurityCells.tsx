import type { ReactNode } from 'react';
import type { ProtectionState, SecurityPosture } from '../../../../shared/protocol/device.js';
import { useNow } from '../../clock/clock-context.js';
import { useClockSkewMs } from '../../clock/use-clock-skew.js';
import { describeAge, isClockAhead } from '../../format/time.js';
import { PROTECTION_LABEL } from '../../status/presentation.js';

/** A backup older than this is a finding. */
export const BACKUP_MAX_AGE_MS = 48 * 60 * 60 * 1000;

/**
 * Backup ages are shown to the minute: the cell re-renders once a minute at most (and `now` is
 * held that long, so a backup up to a minute ahead of it is "0 s").
 */
const BACKUP_TICK_MS = 60_000;

/** A posture cell; a finding says so in words under its value, for eyes and screen readers alike. */
function Finding({ bad, children }: { bad: boolean; children: ReactNode }) {
  return (
    <td className="security" data-warn={bad}>
      {children}
      {bad ? (
        <span className="security__flag">
          <span className="glyph" aria-hidden="true">
            !
          </span>{' '}
          needs attention
        </span>
      ) : null}
    </td>
  );
}

function Protection({ state }: { state: ProtectionState }) {
  return <Finding bad={state !== 'protected'}>{PROTECTION_LABEL[state]}</Finding>;
}

/**
 * The last good backup's age. One dated beyond the allowed clock skew says so ("site clock ahead
 * by 1 y") and is a finding: nobody can tell from it how old the backup really is.
 */
function Backup({ at }: { at: number | null }) {
  const now = useNow(BACKUP_TICK_MS);
  const text = describeAge(at, now, useClockSkewMs(), BACKUP_TICK_MS);
  const ahead = isClockAhead(text);
  const bad = at === null || ahead || now - at > BACKUP_MAX_AGE_MS;
  return (
    <Finding bad={bad}>
      <span className="age" data-ahead={ahead || undefined}>
        {text}
      </span>
    </Finding>
  );
}

/** EDR, antivirus, critical patches and last good backup: four cells, findings flagged. */
export function SecurityCells({ security }: { security: SecurityPosture | null }) {
  if (security === null) {
    return (
      <td className="security muted" colSpan={4}>
        no agent
      </td>
    );
  }
  return (
    <>
      <Protection state={security.edr} />
      <Protection state={security.antivirus} />
      <Finding bad={security.pendingCriticalPatches > 0}>{security.pendingCriticalPatches}</Finding>
      <Backup at={security.lastBackupAt} />
    </>
  );
}
