import type { ReactNode } from 'react';
import type { ProtectionState, SecurityPosture } from '../../../../shared/protocol/device.js';
import { useNow } from '../../clock/clock-context.js';
import { formatAge } from '../../format/time.js';
import { PROTECTION_LABEL } from '../../status/presentation.js';

/** A backup older than this is a finding. */
export const BACKUP_MAX_AGE_MS = 48 * 60 * 60 * 1000;

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

/** EDR, antivirus, critical patches and last good backup: four cells, findings flagged. */
export function SecurityCells({ security }: { security: SecurityPosture | null }) {
  const now = useNow(60_000);
  if (security === null) {
    return (
      <td className="security muted" colSpan={4}>
        no agent
      </td>
    );
  }
  const backupAge =
    security.lastBackupAt === null ? null : Math.max(0, now - security.lastBackupAt);
  return (
    <>
      <Protection state={security.edr} />
      <Protection state={security.antivirus} />
      <Finding bad={security.pendingCriticalPatches > 0}>{security.pendingCriticalPatches}</Finding>
      <Finding bad={backupAge === null || backupAge > BACKUP_MAX_AGE_MS}>
        {formatAge(backupAge)}
      </Finding>
    </>
  );
}
