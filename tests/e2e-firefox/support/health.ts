import type { Page } from 'puppeteer-core';
import type { FirefoxExtension } from './firefox';

/**
 * "The background is up with no errors": the event page exists, it answers the options page (which shows
 * "Loading…" until the background replies) and Firefox printed no error from the extension's code.
 * Throws with everything it saw, so a broken background fails the suite with its own message.
 */
export async function assertBackgroundHealthy(ext: FirefoxExtension, timeoutMs = 10_000): Promise<void> {
  const page = await ext.openPage('options.html');
  let state = { background: false, answered: false };
  const end = Date.now() + timeoutMs;
  try {
    while (Date.now() < end) {
      state = await page.evaluate(async () => ({
        background: (await browser.runtime.getContexts({ contextTypes: ['BACKGROUND'] })).length === 1,
        answered:
          !(document.body.textContent ?? '').includes('Loading…') &&
          (document.body.textContent ?? '').includes('Close account'),
      }));
      if (state.background && state.answered && ext.errors().length === 0) break;
      await new Promise((r) => setTimeout(r, 100));
    }
  } finally {
    await closePage(page);
  }
  const errors = ext.errors();
  if (!state.background || !state.answered || errors.length) {
    throw new Error(
      `the background is not healthy: ${JSON.stringify(state)}; extension errors printed by Firefox:\n${errors.join('\n') || '(none)'}`,
    );
  }
}

/** Closes a tab without waiting for unload handlers that BiDi may never report on extension pages. */
export async function closePage(page: Page): Promise<void> {
  await page.close().catch(() => {});
}
