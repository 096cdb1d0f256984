import { memo } from 'react';
import { METRIC_NAMES, type MetricName } from '../../../../shared/protocol/device.js';

const METRIC_HEADING: Readonly<Record<MetricName, string>> = {
  cpu: 'CPU',
  memory: 'Memory',
  disk: 'Disk',
  latency: 'Latency',
  loss: 'Loss',
};

/**
 * The column heads. The table's layout is fixed, so these widths (site.css `.col-*`) are the
 * columns' widths whichever rows the virtualizer renders below them. Row 1 for screen readers.
 */
export const DeviceTableHead = memo(function DeviceTableHead() {
  return (
    <thead>
      <tr aria-rowindex={1}>
        <th className="col-status">Status</th>
        <th className="col-name">Name</th>
        <th className="col-kind" title="The device's kind, and the tags its site gives it">
          Kind
        </th>
        <th className="col-updated" title="How long ago the site last reported this device">
          Updated
        </th>
        {METRIC_NAMES.map((metric) => (
          <th key={metric} className="col-metric" data-metric={metric}>
            {METRIC_HEADING[metric]}
          </th>
        ))}
        <th className="col-posture">EDR</th>
        <th className="col-posture" title="Antivirus">
          AV
        </th>
        <th className="col-patches" title="Pending critical patches">
          Patches
        </th>
        <th className="col-backup" title="Age of the last good backup">
          Backup
        </th>
        <th className="col-parent">Parent</th>
      </tr>
    </thead>
  );
});
