import type { ConsoleMessage, Page } from 'playwright-core';

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
export function collectCspRefusals(page: Page): {
  readonly refused: string[];
  readonly stop: () => void;
} {
  const refused: string[] = [];
  const onConsole = (message: ConsoleMessage): void => {
    if (message.type() === 'error' && isCspRefusal(message.text())) refused.push(message.text());
  };
  page.on('console', onConsole);
  return {
    refused,
    stop: () => {
      page.off('console', onConsole);
    },
  };
}

/**
 * Makes the page's policy refuse one image (img-src allows only the page's own origin and data:),
 * so a test can see that the probe and the listener work: no refusal means nothing only if one
 * made on purpose is seen.
 */
export const REFUSED_IMAGE = 'https://example.invalid/csp-probe.png';

/** The probe's own line for refuseOneImage's image (not Chromium's, which it logs as well). */
export function isProbedImageRefusal(text: string): boolean {
  return text.startsWith(`Refused by the Content Security Policy: img-src ${REFUSED_IMAGE}`);
}

export async function refuseOneImage(page: Page): Promise<void> {
  // A string: tests/e2e is type-checked without the DOM library.
  await page.evaluate(`(() => {
    const image = document.createElement('img');
    image.alt = '';
    image.src = ${JSON.stringify(REFUSED_IMAGE)};
    document.body.append(image);
    // The refusal is reported from the src alone; the page keeps nothing of the probe.
    setTimeout(() => image.remove(), 1000);
  })()`);
}
