import type { Page } from 'playwright-core';

/**
 * Collects what a page's Content Security Policy refused. A refusal the page recovers from (a
 * library's probe that catches it) reaches neither the console nor `pageerror`: the policy's own
 * `securitypolicyviolation` event says it, and the script added here puts it on the console as an
 * error. Add before the page loads (or reload it after): the event fires once per refusal.
 */
export const CSP_VIOLATION_PROBE = `document.addEventListener('securitypolicyviolation', (event) =>
  console.error('Refused by the Content Security Policy: ' + event.violatedDirective + ' ' +
    event.blockedURI + ' at ' + event.sourceFile + ':' + event.lineNumber));`;

/** A console line that is a CSP refusal (the probe's, or Chromium's own "Refused to …"). */
export function isCspRefusal(text: string): boolean {
  return /Content Security Policy|Refused to/.test(text);
}

/** Every CSP refusal the page logs from now on, as text (the probe must be added too). */
export function collectCspRefusals(page: Page): string[] {
  const refused: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' && isCspRefusal(message.text())) refused.push(message.text());
  });
  return refused;
}
