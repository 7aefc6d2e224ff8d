import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { inject } from 'vitest';
import { SEED, type StandIn, startStandIn } from '../../stand-in/server';
import { type LoadedExtension, launchExtension } from './extension';
import { type FixtureServer, startFixtureServer } from './fixture-server';
import { askAsExtensionPage } from './messages';
import { OptionsPage } from './pages';

export interface E2eSession {
  ext: LoadedExtension;
  close: StandIn;
  fixtures: FixtureServer;
  stop(): Promise<void>;
}

/** The built extension in Chromium, the Close stand-in on the port the build points at, and the fixture pages. */
export async function startSession(opts: { sendDelayMs?: number; sendInUnitMs?: number } = {}): Promise<E2eSession> {
  const close = await startStandIn({
    port: inject('apiPort'),
    sendDelayMs: opts.sendDelayMs ?? 300,
    ...(opts.sendInUnitMs ? { sendInUnitMs: opts.sendInUnitMs } : {}),
  });
  const fixtures = await startFixtureServer();
  const ext = await launchExtension(inject('extensionPath'));
  const session: E2eSession = {
    ext,
    close,
    fixtures,
    async stop() {
      await ext.close();
      await fixtures.close();
      // A test may have replaced the stand-in (to simulate Close going down and coming back).
      await session.close.close();
    },
  };
  return session;
}

/** A session already signed in to the stand-in, through the options page as a rep does it. */
export async function startSignedInSession(opts: Parameters<typeof startSession>[0] = {}): Promise<E2eSession> {
  mkdirSync(SHOTS, { recursive: true });
  const session = await startSession(opts);
  const options = await saveKeyThroughOptions(session.ext);
  await options.getByText('Connected as').waitFor();
  await options.close();
  await anyHourForTests(session.ext);
  return session;
}

/**
 * These suites run at any hour, against contacts in fixed zones, so quiet hours would make them pass by day and
 * fail by night; and they text the same seeded contacts many times in a row, which the double-text check
 * rightly asks about. Both are turned off here; tests/e2e/compliance.e2e.ts tests them with the defaults.
 */
export async function anyHourForTests(ext: LoadedExtension): Promise<void> {
  const r = await askAsExtensionPage(ext, 'updateSettings', {
    quietHours: { enabled: false, start: '08:00', end: '21:00', daysOff: [] },
    doubleTextHours: 0,
  });
  if (!r.ok) throw new Error(`updateSettings failed: ${r.error.message}`);
}

/** Where the tests save their screenshots (git-ignored). */
export const SHOTS = 'screenshots';

/** Enters the API key the way a rep does: options page, paste, Save. */
export async function saveKeyThroughOptions(ext: LoadedExtension, key: string = SEED.apiKey): Promise<Page> {
  const options = await OptionsPage.open(ext);
  await options.saveKey(key);
  return options.page;
}

/** The browser's id for the tab showing `url`, as the popup's `?tab=` parameter wants it. */
export async function tabIdOf(ext: LoadedExtension, url: string): Promise<number> {
  return ext.worker.evaluate(async (u) => {
    const tabs = await chrome.tabs.query({});
    const tab = tabs.find((t) => t.url === u);
    if (tab?.id == null) throw new Error(`no tab for ${u}`);
    return tab.id;
  }, url);
}
