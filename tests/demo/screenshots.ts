/**
 * `npm run screenshots`: regenerates the README's screenshots in docs/ from the running product — the Close
 * stand-in (seeded organization), builds signed in with its demo key, the demo page — in Chromium, and one
 * view in Firefox ESR. Every PNG must stay under 150 kB (the run fails otherwise).
 */

import { execFileSync } from 'node:child_process';
import { mkdirSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { launchExtension } from '../e2e/support/extension';
import { startFixtureServer } from '../e2e/support/fixture-server';
import { freePort } from '../e2e/support/free-port';
import { waitForHoverButton } from '../e2e/support/pages';
import { firefoxPath, launchFirefox, waitFor } from '../e2e-firefox/support/firefox';
import { SEED, startStandIn } from '../stand-in/server';

const ROOT = resolve(import.meta.dirname, '../..');
const DOCS = resolve(ROOT, 'docs');
const MAX_BYTES = 150_000;
const MESSAGE = 'Hi Ana, this is Maya from Northwind Solar — does Thursday 3pm work for the install walkthrough?';
const written: string[] = [];

function build(browser: 'chrome' | 'firefox', apiUrl: string): string {
  const args = ['wxt', 'build', '--mode', 'screenshots', ...(browser === 'firefox' ? ['-b', 'firefox', '--mv3'] : [])];
  execFileSync('npx', args, {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, WXT_CLOSE_API_URL: apiUrl, WXT_ALLOW_LOCAL_API: '1', WXT_DEMO_API_KEY: SEED.apiKey },
  });
  return resolve(ROOT, `.output/${browser === 'firefox' ? 'firefox' : 'chrome'}-mv3-screenshots`);
}

function check(name: string): void {
  const path = resolve(DOCS, name);
  const size = statSync(path).size;
  if (size > MAX_BYTES) throw new Error(`${name} is ${size} bytes, over the ${MAX_BYTES}-byte budget`);
  written.push(`${name} (${Math.round(size / 1024)} kB)`);
}

async function shoot(page: Page, name: string, opts: { fullPage?: boolean } = {}): Promise<void> {
  await page.screenshot({ path: resolve(DOCS, name), fullPage: opts.fullPage ?? true });
  check(name);
}

async function main(): Promise<void> {
  firefoxPath();
  mkdirSync(DOCS, { recursive: true });
  const close = await startStandIn({ port: await freePort(), sendDelayMs: 300 });
  const pages = await startFixtureServer();
  try {
    const chromeBuild = build('chrome', close.baseUrl);
    const firefoxBuild = build('firefox', close.baseUrl);

    const ext = await launchExtension(chromeBuild);
    try {
      // The demo build signs in and turns detection on at install.
      await ext.worker.evaluate(async () => {
        for (let i = 0; i < 100 && !(await chrome.scripting.getRegisteredContentScripts()).length; i++) {
          await new Promise((r) => setTimeout(r, 100));
        }
      });
      const demo = ext.context.pages()[0] ?? (await ext.context.newPage());
      await demo.setViewportSize({ width: 1000, height: 800 });
      await demo.goto(`${pages.url}/demo.html`);
      await demo.waitForFunction(() => (CSS.highlights.get('close-sms-number')?.size ?? 0) >= 5);
      const box = await demo.evaluate(() => {
        const r = ([...(CSS.highlights.get('close-sms-number') ?? [])] as Range[]).find(
          (x) => x.toString() === '(650) 666-0123',
        );
        // Keep the page's top in view: scroll only as far as needed to show the number.
        r?.startContainer.parentElement?.scrollIntoView({ block: 'nearest' });
        const b = r?.getBoundingClientRect();
        return b ? { x: b.left + b.width / 2, y: b.top + b.height / 2, right: b.right } : null;
      });
      if (!box) throw new Error('Ana’s number was not highlighted on the demo page');
      await demo.bringToFront();
      await demo.mouse.move(box.x - 20, box.y);
      await demo.mouse.move(box.x, box.y, { steps: 4 });
      await waitForHoverButton(demo, box.right + 14, box.y);
      await shoot(demo, 'highlighted-page.png', { fullPage: false });

      const popup = await ext.openPage(`popup.html?to=${encodeURIComponent(SEED.contacts.ana.phone)}`);
      await popup.setViewportSize({ width: 400, height: 600 });
      await popup.getByLabel('Lead', { exact: true }).getByText('Bayview Dental').waitFor();
      await popup.getByLabel('Message').fill(MESSAGE);
      await popup
        .getByText(/segment/)
        .first()
        .waitFor();
      await shoot(popup, 'compose.png');

      await popup.getByRole('button', { name: 'Schedule…' }).click();
      await popup.getByRole('button', { name: 'Schedule text' }).waitFor();
      await shoot(popup, 'scheduling.png');

      const queue = await ext.openPage('popup.html?view=queue');
      await queue.setViewportSize({ width: 400, height: 600 });
      await queue.getByText(SEED.sms.scheduled.text).waitFor();
      await queue.getByText('Refreshing from Close…').waitFor({ state: 'detached' });
      await shoot(queue, 'drafts-and-scheduled.png');

      const options = await ext.openPage('options.html');
      await options.setViewportSize({ width: 760, height: 600 });
      await options.getByText('Connected as').waitFor();
      await shoot(options, 'options.png');
    } finally {
      await ext.close();
    }

    const firefox = await launchFirefox(firefoxBuild);
    try {
      const popup = await firefox.openPage(`popup.html?to=${encodeURIComponent(SEED.contacts.ana.phone)}`);
      await popup.setViewport({ width: 400, height: 600 });
      await waitFor('the lead in Firefox', () =>
        popup.evaluate(() => document.body.textContent?.includes('Bayview Dental')),
      );
      await popup.evaluate(() => document.fonts.ready.then(() => true));
      await popup.screenshot({ path: resolve(DOCS, 'firefox-compose.png'), fullPage: true });
      check('firefox-compose.png');
    } finally {
      await firefox.close();
    }
  } finally {
    await pages.close();
    await close.close();
  }
  console.log(`Wrote to docs/:\n  ${written.join('\n  ')}`);
}

main().catch((e) => {
  console.error(e instanceof Error ? (e.stack ?? e.message) : e);
  process.exit(1);
});
