import { severityRank } from '../protocol/alert.js';
import { notableSeverity, type Notable } from './notable.js';
import type { NotifyConfig, NotifyRule } from './notify-config.js';
import { inQuietHours } from './quiet-hours.js';

function ruleMatches(rule: NotifyRule, event: Notable): boolean {
  if (rule.customers !== undefined && !rule.customers.includes(event.customer)) return false;
  if (rule.sites !== undefined && !rule.sites.includes(event.siteId)) return false;
  if (event.kind === 'alert') {
    return (
      rule.events.includes('alerts') &&
      rule.states.includes(event.state) &&
      severityRank(event.severity) >= severityRank(rule.minSeverity)
    );
  }
  return (
    rule.events.includes('sla') &&
    (rule.priorities === undefined || rule.priorities.includes(event.priority))
  );
}

/** Why an event gets no notice, or null when it gets one. */
export type Refusal = 'disabled' | 'no-rule' | 'quiet-hours';

/**
 * Whether an event may become a notice: notifications on, some rule matching it, and not held
 * back by quiet hours (which let through alerts at or above their `allowSeverity`, and SLA
 * breaches).
 */
export function refusal(config: NotifyConfig, event: Notable): Refusal | null {
  if (!config.enabled) return 'disabled';
  if (!config.rules.some((rule) => ruleMatches(rule, event))) return 'no-rule';
  const quiet = config.quietHours;
  if (quiet !== null && inQuietHours(quiet, event.at)) {
    // An SLA breach counts as a disaster (notableSeverity), so it always gets through.
    if (severityRank(notableSeverity(event)) < severityRank(quiet.allowSeverity)) {
      return 'quiet-hours';
    }
  }
  return null;
}
