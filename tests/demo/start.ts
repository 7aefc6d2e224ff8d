/**
 * `npm start`: the whole product on this machine, no Close account needed. Starts the Close stand-in
 * (seeded organization), builds the extension pointed at it and signed in with the demo key, serves a demo
 * page full of numbers, and opens Chromium with the extension on it. Ctrl+C stops everything it started.
 *
 * `npm start -- --headless` runs the same flow without a display, sends one demo SMS through the popup
 * (or, at night where the recipient is, schedules it for her morning as quiet hours ask), saves screenshots
 * under screenshots/demo/, and exits 0 (CI runs it).
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { chromiumPath } from '../e2e/support/chromium';
import { type LoadedExtension, launchExtension } from '../e2e/support/extension';
import { type FixtureServer, startFixtureServer } from '../e2e/support/fixture-server';
import { freePort } from '../e2e/support/free-port';
import { PopupPage, waitForHoverButton } from '../e2e/support/pages';
import { SEED, type StandIn, startStandIn } from '../stand-in/server';

const ROOT = resolve(import.meta.dirname, '../..');
const SHOTS = resolve(ROOT, 'screenshots/demo');
const headless = process.argv.includes('--headless');
const cleanups: (() => Promise<void> | void)[] = [];

async function stopAll(code: number): Promise<never> {
  for (const c of cleanups.reverse()) await Promise.resolve(c()).catch(() => {});
  process.exit(code);
}

function findBrowserOrExit(): void {
  try {
    chromiumPath();
  } catch (e) {
    console.error(`${(e as Error).message}\nOn Debian/Ubuntu: sudo apt-get install -y chromium`);
    process.exit(1);
  }
}

async function startCloseStandIn(): Promise<StandIn> {
  const wanted = Number(process.env.PORT ?? 4010);
  try {
    return await startStandIn({ port: wanted });
  } catch (e) {
    if ((e as { code?: string }).code !== 'EADDRINUSE') throw e;
    const port = await freePort();
    console.log(`Port ${wanted} is busy (another demo or program uses it); the Close stand-in uses ${port} instead.`);
    return startStandIn({ port });
  }
}

/** Builds into the shared .output folder under a lock, then copies to a folder of this run's own. */
function buildExtension(apiUrl: string): string {
  const lock = resolve(ROOT, '.output/.demo-build.lock');
  mkdirSync(resolve(ROOT, '.output'), { recursive: true });
  const until = Date.now() + 120_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      const since = statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now();
      const stale = Date.now() - since > 120_000;
      if (stale) rmSync(lock, { recursive: true, force: true });
      else if (Date.now() > until) throw new Error(`Another build holds ${lock}; remove it if no build is running.`);
      else execFileSync('sleep', ['0.5']);
    }
  }
  try {
    execFileSync('npx', ['wxt', 'build', '--mode', 'demo'], {
      cwd: ROOT,
      stdio: ['ignore', 'ignore', 'inherit'],
      env: { ...process.env, WXT_CLOSE_API_URL: apiUrl, WXT_ALLOW_LOCAL_API: '1', WXT_DEMO_API_KEY: SEED.apiKey },
    });
    const own = mkdtempSync(join(tmpdir(), 'close-sms-demo-ext-'));
    cpSync(resolve(ROOT, '.output/chrome-mv3-demo'), own, { recursive: true });
    return own;
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

async function waitForHighlights(page: Page, atLeast: number): Promise<void> {
  for (let i = 0; i < 200; i++) {
    const n = await page.evaluate(() => CSS.highlights.get('close-sms-number')?.size ?? 0);
    if (n >= atLeast) return;
    await page.waitForTimeout(100);
  }
  throw new Error('The demo page was not highlighted: the content script did not run.');
}

/** The scripted tour for --headless: hover, compose, send one SMS, see it sent, open the drafts view. */
async function headlessTour(ext: LoadedExtension, demo: Page, close: StandIn): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  await demo.screenshot({ path: `${SHOTS}/1-highlighted-page.png` });
  const box = await demo.evaluate(() => {
    const r = ([...(CSS.highlights.get('close-sms-number') ?? [])] as Range[]).find(
      (x) => x.toString() === '(650) 666-0123',
    );
    const b = r?.getBoundingClientRect();
    return b ? { x: b.left + b.width / 2, y: b.top + b.height / 2, right: b.right } : null;
  });
  if (!box) throw new Error('Ana’s number was not highlighted on the demo page.');
  await demo.mouse.move(box.x, box.y);
  await waitForHoverButton(demo, box.right + 14, box.y);
  await demo.screenshot({ path: `${SHOTS}/2-hover-button.png` });

  const tabId = await ext.worker.evaluate(
    async (url) => (await chrome.tabs.query({ url })).at(0)?.id ?? -1,
    demo.url(),
  );
  const composer = await PopupPage.open(ext, `tab=${tabId}`);
  const popup = composer.page;
  await composer.pick(SEED.contacts.ana.phone);
  await composer.waitForLead('Bayview Dental');
  const text = 'Hi Ana, this is Maya from Northwind Solar — does Thursday 3pm work for the install walkthrough?';
  await composer.write(text);
  // Her local time and the quiet-hours notice are rendered together, from the same view.
  await popup.getByTestId('local-time').waitFor();
  await popup.screenshot({ path: `${SHOTS}/3-compose.png` });
  // The tour runs at any hour. Outside quiet hours in Ana's zone (08:00–21:00 hers by default) Send would
  // stop and offer her next morning; the tour takes that offer, the path a rep would take at that hour.
  const offer = popup.locator('[data-finding="quiet-hours"] button');
  const quiet = (await offer.count()) > 0;
  if (quiet) {
    await offer.first().click();
    await popup
      .getByText(/Scheduled/)
      .first()
      .waitFor();
  } else {
    await composer.send();
    await composer.waitUntilSent();
  }
  await popup.screenshot({ path: `${SHOTS}/4-${quiet ? 'scheduled' : 'sent'}.png` });
  const done = close.state.smsByText(text);
  const wanted = quiet ? 'scheduled' : 'sent';
  if (done.length !== 1 || done[0]?.status !== wanted)
    throw new Error(`Expected one ${wanted} SMS, found ${JSON.stringify(done)}`);

  const queue = await composer.openQueue();
  await queue.row(SEED.sms.scheduled.text).waitFor();
  await popup.screenshot({ path: `${SHOTS}/5-drafts-and-scheduled.png` });
  const what = quiet ? 'Scheduled one demo SMS (quiet hours where she is) to' : 'Sent one demo SMS to';
  console.log(`${what} ${SEED.contacts.ana.phone}; screenshots in ${SHOTS}`);
}

async function main(): Promise<void> {
  findBrowserOrExit();
  if (!headless && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    console.error(
      'No display found. Run `npm start -- --headless` (screenshots instead of a window), or use xvfb-run.',
    );
    process.exit(1);
  }
  process.once('SIGINT', () => void stopAll(0));
  process.once('SIGTERM', () => void stopAll(0));

  const close = await startCloseStandIn();
  cleanups.push(() => close.close());
  console.log(`Close stand-in: ${close.baseUrl} (key ${close.apiKey})`);
  const extPath = buildExtension(close.baseUrl);
  cleanups.push(() => rmSync(extPath, { recursive: true, force: true }));
  const pages: FixtureServer = await startFixtureServer();
  cleanups.push(() => pages.close());
  const ext = await launchExtension(extPath, { headless });
  cleanups.push(() => ext.close());

  // The demo build signs in and turns detection on at install; wait until the detector is registered.
  await ext.worker.evaluate(async () => {
    for (let i = 0; i < 100 && !(await chrome.scripting.getRegisteredContentScripts()).length; i++) {
      await new Promise((r) => setTimeout(r, 100));
    }
  });
  const demo = ext.context.pages()[0] ?? (await ext.context.newPage());
  await demo.goto(`${pages.url}/demo.html`);
  await waitForHighlights(demo, 5);
  if (headless) {
    await headlessTour(ext, demo, close);
    await stopAll(0);
  }
  console.log(`Demo page: ${pages.url}/demo.html — hover a number and press "Text", or use the toolbar button.`);
  console.log('Press Ctrl+C to stop (browser, stand-in and temporary profile are removed).');
  ext.context.on('close', () => void stopAll(0));
}

main().catch(async (e) => {
  console.error(e instanceof Error ? e.message : e);
  await stopAll(1);
});
