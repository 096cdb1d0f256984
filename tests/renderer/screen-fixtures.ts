import type { DisplayLayout } from '../../shared/displays/display-layout.js';
import type { Notice } from '../../shared/notify/notice.js';
import { T0 } from './fleet-fixtures.js';

/** A screen's layout (a wall then the SLA board, alarms from high) and a disaster notice. */

export const LAYOUT: DisplayLayout = {
  display: 2,
  name: 'Wall right',
  playlist: [
    { show: { view: 'wall', slaPanel: true }, dwellSeconds: 60 },
    { show: { view: 'sla' }, dwellSeconds: 30 },
  ],
  alarms: { minSeverity: 'high', holdSeconds: 20 },
  schedules: [],
  zoom: 1,
};

export const disaster: Notice = {
  id: 'n1',
  severity: 'disaster',
  title: '27 new alerts at Office 1',
  body: '',
  count: 27,
  target: { view: 'site', siteId: 'a', alertId: null },
  sound: true,
  at: T0,
};
