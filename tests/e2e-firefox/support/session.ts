import type { Page } from 'puppeteer-core';
import { inject } from 'vitest';
import { type FixtureServer, startFixtureServer } from '../../e2e/support/fixture-server';
import { SEED, type StandIn, startStandIn } from '../../stand-in/server';
import { clickButton, fillField } from './dom';
import { type FirefoxExtension, type LaunchOptions, launchFirefox, waitFor } from './firefox';

export interface FirefoxSession {
  ext: FirefoxExtension;
  close: StandIn;
  fixtures: FixtureServer;
  stop(): Promise<void>;
}

/** The built Firefox extension, the Close stand-in on the port the build points at, and the fixture pages. */
export async function startFirefoxSession(
  opts: { sendDelayMs?: number; sendInUnitMs?: number; extensionPath?: string } & LaunchOptions = {},
): Promise<FirefoxSession> {
  const close = await startStandIn({
    port: inject('apiPort'),
    sendDelayMs: opts.sendDelayMs ?? 300,
    ...(opts.sendInUnitMs ? { sendInUnitMs: opts.sendInUnitMs } : {}),
  });
  const fixtures = await startFixtureServer();
  const ext = await launchFirefox(opts.extensionPath ?? inject('firefoxExtensionPath'), opts);
  return {
    ext,
    close,
    fixtures,
    async stop() {
      await ext.close();
      await fixtures.close();
      await close.close();
    },
  };
}

/** Enters the API key the way a rep does: options page, type, Save; resolves once the account is shown. */
export async function signIn(ext: FirefoxExtension, key: string = SEED.apiKey): Promise<Page> {
  const page = await ext.openPage('options.html');
  await fillField(page, 'API key', key);
  await clickButton(page, 'Save');
  await waitFor('the account to show', () => textOf(page).then((t) => t.includes('Connected as')));
  // The suite runs at any hour against contacts in fixed zones, and texts the same contacts again and again:
  // quiet hours and the double-text check off (Chromium's compliance suite tests both with the defaults).
  const r = await askFromPage(page, 'updateSettings', {
    quietHours: { enabled: false, start: '08:00', end: '21:00', daysOff: [] },
    doubleTextHours: 0,
  });
  if (!r.ok) throw new Error(`updateSettings was refused: ${JSON.stringify(r)}`);
  return page;
}

/** The page's visible text. */
export function textOf(page: Page): Promise<string> {
  return page.evaluate(() => document.body.textContent ?? '');
}

/** Sends a protocol message from an extension page, as the options page does, and returns the answer. */
export async function askFromPage(page: Page, type: string, data?: unknown): Promise<{ ok: boolean; value?: unknown }> {
  return page.evaluate(
    async (message) => ((await browser.runtime.sendMessage(message)) as { res: { ok: boolean; value?: unknown } }).res,
    { id: 1, type, data, timestamp: Date.now() },
  );
}

/**
 * Sets the detection mode as the options page does (updateSettings; settings live where content scripts
 * can't reach them, not in storage.local) and waits until the background has registered or removed the
 * detector; sent again if an install-time write lands after ours.
 */
export async function setDetectionMode(page: Page, mode: 'off' | 'click' | 'sites' | 'all'): Promise<void> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const r = await askFromPage(page, 'updateSettings', { detectionMode: mode });
    if (!r.ok) throw new Error(`updateSettings was refused: ${JSON.stringify(r)}`);
    const followed = await page.evaluate(async (m) => {
      for (let i = 0; i < 40; i++) {
        const registered = (await browser.scripting.getRegisteredContentScripts()).length > 0;
        if ((m === 'all' || m === 'sites') === registered) return true;
        await new Promise((r) => setTimeout(r, 50));
      }
      return false;
    }, mode);
    const now = await askFromPage(page, 'getSettings');
    if (followed && (now.value as { detectionMode?: string } | undefined)?.detectionMode === mode) return;
  }
  throw new Error(`content script registration did not follow mode ${mode}`);
}

/** Number of ranges in the extension's highlight, as the page's main world sees the shared registry. */
export function highlightCount(page: Page): Promise<number> {
  return page.evaluate(() => CSS.highlights.get('close-sms-number')?.size ?? 0);
}
