// The HTML the server sent for each page a browser tab loads, as it came over
// the wire (not the page after its scripts ran, which a browser has already
// repaired): for the HTML checker, on pages rendered on demand.
import type { Page } from '@playwright/test';

export interface SentPage {
  /** The method and path, with a note of what state the page was in ("GET /en/account/"). */
  name: string;
  html: string;
}

/** Starts recording every HTML page `page` loads (redirects have no page and are skipped). */
export function recordSentHtml(page: Page) {
  const pending: Promise<SentPage | null>[] = [];
  page.on('response', (response) => {
    const request = response.request();
    if (request.resourceType() !== 'document') return;
    if (response.status() >= 300 && response.status() < 400) return;
    if (!(response.headers()['content-type'] ?? '').startsWith('text/html')) return;
    const name = `${request.method()} ${new URL(response.url()).pathname} ${response.status()}`;
    pending.push(
      response.text().then(
        (html) => ({ name, html }),
        () => null,
      ),
    );
  });
  return {
    /** Waits for the pages loaded so far to be read in full (call before leaving a page). */
    settle: async () => {
      await Promise.all(pending);
    },
    /** Every page recorded, in the order loaded. */
    pages: async (): Promise<SentPage[]> => (await Promise.all(pending)).filter((p): p is SentPage => p !== null),
  };
}
