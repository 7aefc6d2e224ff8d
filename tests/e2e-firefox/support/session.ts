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
  return page;
}

/** The page's visible text. */
export function textOf(page: Page): Promise<string> {
  return page.evaluate(() => document.body.textContent ?? '');
}

/**
 * Sets the detection mode through the settings item (as the options page's background handler does) and
 * waits until the background has registered or removed the detector; written again if an install-time write
 * lands after ours.
 */
export async function setDetectionMode(page: Page, mode: 'off' | 'click' | 'sites' | 'all'): Promise<void> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const followed = await page.evaluate(async (m) => {
      const { settings } = await browser.storage.local.get('settings');
      await browser.storage.local.set({ settings: { ...((settings as object) ?? {}), detectionMode: m } });
      for (let i = 0; i < 40; i++) {
        const now = (await browser.storage.local.get('settings')).settings as { detectionMode?: string } | undefined;
        const registered = (await browser.scripting.getRegisteredContentScripts()).length > 0;
        if (now?.detectionMode === m && (m === 'all' || m === 'sites') === registered) return true;
        await new Promise((r) => setTimeout(r, 50));
      }
      return false;
    }, mode);
    if (followed) return;
  }
  throw new Error(`content script registration did not follow mode ${mode}`);
}

/** Number of ranges in the extension's highlight, as the page's main world sees the shared registry. */
export function highlightCount(page: Page): Promise<number> {
  return page.evaluate(() => CSS.highlights.get('close-sms-number')?.size ?? 0);
}
