import type { NoticeTarget } from '../../../shared/notify/notice.js';
import { ALERTS_HREF, siteHref, slaHref } from '../routing/hash-route.js';

/**
 * Where a click on a notice takes the board: the site of a storm, or of one alert with that alert
 * in view; the SLA board for a warning or breach, its incident in view; every open alert for a
 * storm across sites.
 */
export function noticeHref(target: NoticeTarget): string {
  switch (target.view) {
    case 'site':
      return siteHref(target.siteId, target.alertId);
    case 'sla':
      return slaHref(target.incidentId);
    case 'alerts':
      return ALERTS_HREF;
  }
}
