import type { NoticeTarget } from '../../../shared/notify/notice.js';
import { ALERTS_HREF, SLA_HREF, siteHref } from '../routing/hash-route.js';

/**
 * Where a click on a notice takes the board: the site of an alert or of a site's storm, the SLA
 * board for a warning or breach, every open alert for a storm across sites.
 */
export function noticeHref(target: NoticeTarget): string {
  switch (target.view) {
    case 'site':
      return siteHref(target.siteId);
    case 'sla':
      return SLA_HREF;
    case 'alerts':
      return ALERTS_HREF;
  }
}
