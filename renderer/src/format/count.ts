/**
 * A count with thousands separated: "50,000". Written out rather than toLocaleString: the first
 * Intl number format a page makes costs tens of milliseconds, and the site view of a big site
 * shows its count in its first frame.
 */
export function formatCount(n: number): string {
  return String(Math.trunc(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}
