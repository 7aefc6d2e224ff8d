/**
 * Measurements in real Chromium with the built extension: how long the 10,000-row table takes to be fully
 * detected, the longest main-thread task after the page loaded (the page itself runs no script then, so
 * those tasks are the detector's), the detector's script cost on a page with no numbers, and how fast the
 * popup's composer is ready on warm caches (with the number of Close requests it made).
 */
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { setDetectionMode } from '../e2e/support/detection';
import { type LoadedExtension, launchExtension } from '../e2e/support/extension';
import { startFixtureServer } from '../e2e/support/fixture-server';
import { freePort } from '../e2e/support/free-port';
import { SEED, startStandIn } from '../stand-in/server';

const ROOT = resolve(import.meta.dirname, '../..');
const HIGHLIGHT = 'close-sms-number';

/** Installed before any page script: records long tasks (the page runs no script of its own after load). */
const PROBE = `
  window.__longTasks = [];
  new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__longTasks.push({ start: e.startTime, duration: e.duration }); })
    .observe({ type: 'longtask', buffered: true });
`;

/** Polls from outside (page timers may be throttled) and returns the page clock when the count is reached. */
async function detectedAt(page: Page, target: number): Promise<number> {
  const until = Date.now() + 120_000;
  while (Date.now() < until) {
    const [count, at] = await page.evaluate((n) => [CSS.highlights.get(n)?.size ?? 0, performance.now()], HIGHLIGHT);
    if ((count ?? 0) >= target) return at ?? 0;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`not all ${target} numbers were detected within 120 s`);
}

interface TablePageResult {
  detectedMs: number;
  loadMs: number;
  longestTaskAfterLoadMs: number;
  tasksOver50AfterLoad: number;
}

async function measureTable(ext: LoadedExtension, url: string): Promise<TablePageResult> {
  const page = await ext.context.newPage();
  await page.addInitScript(PROBE);
  await page.goto(url, { waitUntil: 'load' });
  const detectedMs = await detectedAt(page, 10_000);
  const r = await page.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
    const tasks = (window as unknown as { __longTasks: { start: number; duration: number }[] }).__longTasks.filter(
      (t) => t.start >= nav.loadEventEnd,
    );
    return {
      loadMs: nav.loadEventEnd,
      longest: Math.max(0, ...tasks.map((t) => t.duration)),
      over: tasks.filter((t) => t.duration > 50).length,
    };
  });
  await page.close();
  return { detectedMs, loadMs: r.loadMs, longestTaskAfterLoadMs: r.longest, tasksOver50AfterLoad: r.over };
}

async function scriptMs(page: Page, url: string): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  await page.goto(url, { waitUntil: 'load' });
  await new Promise((r) => setTimeout(r, 1500));
  const { metrics } = await cdp.send('Performance.getMetrics');
  return (metrics.find((m) => m.name === 'ScriptDuration')?.value ?? 0) * 1000;
}

async function popupReady(
  ext: LoadedExtension,
  requests: () => number,
): Promise<{ readyMs: number; closeRequests: number }> {
  const url = `popup.html?to=${encodeURIComponent(SEED.contacts.ana.phone)}`;
  const warm = await ext.openPage(url);
  await warm.getByRole('button', { name: 'Send' }).waitFor();
  await warm.getByText('Bayview Dental').waitFor();
  await warm.close();
  const before = requests();
  const page = await ext.context.newPage();
  await page.addInitScript(`window.__ready = new Promise((resolve) => {
    const check = () => document.querySelector('output[aria-label="Lead"]') ? resolve(performance.now()) : requestAnimationFrame(check);
    check();
  });`);
  await page.goto(`chrome-extension://${ext.id}/${url}`);
  const readyMs = await page.evaluate(() => (window as unknown as { __ready: Promise<number> }).__ready);
  const closeRequests = requests() - before;
  await page.close();
  return { readyMs, closeRequests };
}

export interface BrowserBenchResult {
  table: TablePageResult;
  noNumbersScriptMs: { withDetector: number; without: number };
  popup: { readyMs: number; closeRequests: number };
}

export async function runBrowserBench(): Promise<BrowserBenchResult> {
  const port = await freePort();
  execFileSync('npx', ['wxt', 'build', '--mode', 'e2e'], {
    cwd: ROOT,
    stdio: 'ignore',
    env: { ...process.env, WXT_CLOSE_API_URL: `http://127.0.0.1:${port}/api/v1/`, WXT_ALLOW_LOCAL_API: '1' },
  });
  const close = await startStandIn({ port });
  const fixtures = await startFixtureServer();
  const ext = await launchExtension(resolve(ROOT, '.output/chrome-mv3-e2e'));
  try {
    const key = await ext.openPage('options.html');
    await key.getByLabel('API key').fill(SEED.apiKey);
    await key.getByRole('button', { name: 'Save' }).click();
    await key.getByText('Connected as').waitFor();
    await key.close();

    await setDetectionMode(ext, 'all');
    const table = await measureTable(ext, `${fixtures.url}/table-10k.html`);
    const page = await ext.context.newPage();
    const withDetector = await scriptMs(page, `${fixtures.url}/no-numbers.html`);
    await page.close();
    await setDetectionMode(ext, 'off');
    const plain = await ext.context.newPage();
    const without = await scriptMs(plain, `${fixtures.url}/no-numbers.html`);
    await plain.close();
    const popup = await popupReady(ext, () => close.requests.length);
    return { table, noNumbersScriptMs: { withDetector, without }, popup };
  } finally {
    await ext.close();
    await fixtures.close();
    await close.close();
  }
}
