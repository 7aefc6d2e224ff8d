import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { setDetectionMode } from './support/detection';
import { type LoadedExtension, launchExtension } from './support/extension';
import { type FixtureServer, startFixtureServer } from './support/fixture-server';

import { SHOTS } from './support/session';

describe('the built extension in Chromium', () => {
  let ext: LoadedExtension;
  let fixtures: FixtureServer;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    fixtures = await startFixtureServer();
    ext = await launchExtension(inject('extensionPath'));
  });
  afterAll(async () => {
    await ext?.close();
    await fixtures?.close();
  });

  it('starts its service worker', () => {
    expect(ext.worker.url()).toBe(`chrome-extension://${ext.id}/background.js`);
  });

  it('renders the popup with no console errors', async () => {
    const page = await ext.openPage('popup.html');
    await expect.poll(() => page.getByText('Add your Close API key').count()).toBe(1);
    await page.screenshot({ path: `${SHOTS}/popup-no-key.png` });
    expect(ext.errors).toEqual([]);
    await page.close();
  });

  it('renders the options page with no console errors', async () => {
    const page = await ext.openPage('options.html');
    await expect.poll(() => page.getByRole('heading', { name: 'Close account' }).count()).toBe(1);
    await page.screenshot({ path: `${SHOTS}/options.png`, fullPage: true });
    expect(ext.errors).toEqual([]);
    await page.close();
  });

  it('runs the content script on a page served from 127.0.0.1 and highlights its numbers', async () => {
    await setDetectionMode(ext, 'all');
    const page = await ext.context.newPage();
    await page.goto(`${fixtures.url}/contact-page.html`);
    // The highlight registry is shared with the page's main world: it is how we see the content script's work.
    await expect.poll(() => page.evaluate(() => CSS.highlights.get('close-sms-number')?.size ?? 0)).toBe(2);
    expect(ext.errors).toEqual([]);
    await page.close();
  });
});
