import { memo } from 'react';
import type { Device } from '../../../../shared/protocol/device.js';
import { STATUS_GLYPH, STATUS_LABEL } from '../../status/presentation.js';
import { NameText } from '../site/NameText.js';

interface ProblemListProps {
  /** The site's problem devices, worst first (`problemDevices`), as its tile shows them. */
  readonly problems: readonly Device[];
  /** Lines there is room for; when there are more problems, the last line says how many more. */
  readonly lines: number;
  /** Read by screen readers only: the text equivalent of a canvas grid. */
  readonly hidden?: boolean;
}

/**
 * A site's problem devices by name, worst first: a summarised tile's body, and the text a screen
 * reader gets for a grid drawn on a canvas. Never cut silently: "+N more".
 */
export const ProblemList = memo(function ProblemList({
  problems,
  lines,
  hidden,
}: ProblemListProps) {
  const room = Math.max(1, lines);
  // With room for more lines than one, the last says how many more; with one, the worst device
  // still shows, "+N more" beside it on its line: a site's worst problem is always named.
  const shown = problems.length > room ? problems.slice(0, Math.max(1, room - 1)) : problems;
  const more = problems.length - shown.length;
  const inline = more > 0 && room === 1;
  return (
    <ul
      className={hidden === true ? 'problem-list visually-hidden' : 'problem-list'}
      data-testid="problem-list"
      aria-label="Devices with problems"
    >
      {problems.length === 0 ? (
        <li className="problem-list__none">No device down or warning</li>
      ) : null}
      {shown.map((device, index) => (
        <li
          key={device.id}
          className="problem-list__device"
          data-testid="problem-device"
          data-device-id={device.id}
          data-status={device.status}
        >
          <span className="glyph" aria-hidden="true">
            {STATUS_GLYPH[device.status]}
          </span>
          <NameText name={device.name} id={device.id} />
          <span className="problem-list__status">{STATUS_LABEL[device.status]}</span>
          {inline && index === shown.length - 1 ? (
            <span className="problem-list__more" data-testid="problem-more">
              +{more}
            </span>
          ) : null}
        </li>
      ))}
      {more > 0 && !inline ? (
        <li className="problem-list__more" data-testid="problem-more">
          +{more} more
        </li>
      ) : null}
    </ul>
  );
});
