/**
 * Counts, per site, timestamps further in the future than the allowed skew (a site whose clock
 * runs ahead would otherwise show brand-new data). Placeholder: counting is not built yet.
 */
export class ClockSkewMonitor {
  count(_siteId: string): number {
    return 0;
  }
}
