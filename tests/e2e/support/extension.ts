import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium, type Page, type Worker } from 'playwright-core';
import { CHROMIUM_FLAGS, chromiumPath } from './chromium';

export interface LoadedExtension {
  context: BrowserContext;
  /** The current service worker; replaced when the browser restarts it. */
  worker: Worker;
  id: string;
  /** Console errors and page errors seen in any page, for "renders with no console errors" checks. */
  errors: string[];
  openPage(path: string): Promise<Page>;
  close(): Promise<void>;
}

/**
 * Launches Chromium with the built extension and waits for its service worker: in a fresh profile, removed on
 * close, or in `profile` (kept, so a test can restart the browser on it).
 */
export async function launchExtension(
  extensionPath: string,
  opts: { headless?: boolean; profile?: string } = {},
): Promise<LoadedExtension> {
  const profile = opts.profile ?? mkdtempSync(join(tmpdir(), 'close-sms-e2e-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath(),
    headless: opts.headless ?? true,
    viewport: opts.headless === false ? null : { width: 1280, height: 800 },
    args: [`--disable-extensions-except=${extensionPath}`, `--load-extension=${extensionPath}`, ...CHROMIUM_FLAGS],
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 15_000 }));
  const id = new URL(worker.url()).host;
  const errors: string[] = [];
  const watch = (page: Page) => {
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(`${page.url()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => errors.push(`${page.url()}: ${e.message}`));
  };
  context.on('page', watch);
  let last = worker;
  return {
    context,
    // The running worker (a new one after the browser restarted it), else the last one seen.
    get worker() {
      last = context.serviceWorkers()[0] ?? last;
      return last;
    },
    id,
    errors,
    async openPage(path) {
      const page = await context.newPage();
      await page.goto(path.startsWith('http') ? path : `chrome-extension://${id}/${path.replace(/^\//, '')}`);
      return page;
    },
    async close() {
      await context.close();
      if (!opts.profile) rmSync(profile, { recursive: true, force: true });
    },
  };
}

/**
 * Stops the extension's service worker the way the browser does when it is idle (the next event wakes it),
 * and waits until Chromium reports it stopped.
 */
export async function stopServiceWorker(ext: LoadedExtension): Promise<void> {
  const page = await ext.context.newPage();
  const cdp = await ext.context.newCDPSession(page);
  let stopped = false;
  cdp.on('ServiceWorker.workerVersionUpdated', (e) => {
    if (e.versions.some((v) => v.scriptURL.includes(ext.id) && v.runningStatus === 'stopped')) stopped = true;
  });
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  for (let i = 0; i < 50 && !stopped; i++) await new Promise((r) => setTimeout(r, 100));
  await cdp.detach();
  await page.close();
  if (!stopped) throw new Error('the service worker did not stop');
}
