import type { Severity } from '../../../../shared/protocol/alert.js';
import { SEVERITY_GLYPH, SEVERITY_LABEL } from '../../status/presentation.js';

/** An alert severity as shape and word, coloured by data-severity. */
export function SeverityBadge({ severity }: { severity: Severity }) {
  return (
    <span className="badge" data-severity={severity}>
      <span className="glyph" aria-hidden="true">
        {SEVERITY_GLYPH[severity]}
      </span>{' '}
      {SEVERITY_LABEL[severity]}
    </span>
  );
}
