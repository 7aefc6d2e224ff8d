// The core flows of the Firefox MV3 build in real Firefox ESR, against the Close stand-in over HTTP.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { SEED } from '../stand-in/server';
import { clickButton, fillField } from './support/dom';
import { waitFor } from './support/firefox';
import { assertBackgroundHealthy, closePage } from './support/health';
import { askFromPage, type FirefoxSession, signIn, startFirefoxSession, textOf } from './support/session';

const ANA = SEED.contacts.ana;

describe('the Firefox build in Firefox ESR', () => {
  let s: FirefoxSession;

  beforeAll(async () => {
    s = await startFirefoxSession({ sendDelayMs: 300, sendInUnitMs: 100 });
  });
  afterAll(async () => {
    await s?.stop();
  });

  it('starts its event page with no errors', async () => {
    await assertBackgroundHealthy(s.ext);
  });

  it('refuses a wrong key with Close’s reason, then accepts the right one', async () => {
    const page = await s.ext.openPage('options.html');
    await fillField(page, 'API key', 'wrong_key');
    await clickButton(page, 'Save');
    await waitFor('the refusal', async () =>
      (await page.$eval('[role=alert]', (e) => e.textContent ?? '').catch(() => '')).includes(
        'Close rejected your API key',
      ),
    );
    expect(await askFromPage(page, 'getAccountStatus')).toEqual({ ok: true, value: { hasKey: false, user: null } });
    await closePage(page);

    const signedIn = await signIn(s.ext);
    expect(await textOf(signedIn)).toContain(`Connected as ${SEED.user.firstName} ${SEED.user.lastName}`);
    // Nothing a content script could read: storage.local and storage.sync stay empty in Firefox too.
    const stored = await signedIn.evaluate(async () =>
      JSON.stringify([await browser.storage.local.get(null), await browser.storage.sync.get(null)]),
    );
    expect(stored).toBe('[{},{}]');
    await closePage(signedIn);
  });

  it('composes in the popup and sends exactly one text that ends up sent', async () => {
    const popup = await s.ext.openPage(`popup.html?to=${encodeURIComponent(ANA.phone)}`);
    await popup.setViewport({ width: 400, height: 720 });
    await waitFor('the lead', async () => (await textOf(popup)).includes('Bayview Dental'));
    await fillField(popup, 'Message', 'Hi Ana, Firefox send check.');
    await clickButton(popup, 'Send');
    await waitFor('Sent ✓', async () => (await textOf(popup)).includes('Sent ✓'), 30_000);
    const sms = s.close.state.smsByText('Hi Ana, Firefox send check.');
    expect(sms).toHaveLength(1);
    expect(sms[0]).toMatchObject({ status: 'sent', remote_phone: ANA.phone, lead_id: SEED.leads.bayview.id });
    await closePage(popup);
    expect(s.ext.errors()).toEqual([]);
  });
});

describe('the health check', () => {
  let dir: string;
  let s: FirefoxSession;

  beforeAll(async () => {
    // The same build whose background throws as it starts, as a bug in its top-level code would.
    dir = mkdtempSync(join(tmpdir(), 'close-sms-ff-broken-'));
    cpSync(inject('firefoxExtensionPath'), dir, { recursive: true });
    const background = join(dir, 'background.js');
    writeFileSync(
      background,
      `throw new Error("e2e: injected background failure");\n${readFileSync(background, 'utf8')}`,
    );
    s = await startFirefoxSession({ extensionPath: dir });
  });
  afterAll(async () => {
    await s?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('fails when the background throws', async () => {
    await expect(assertBackgroundHealthy(s.ext, 5_000)).rejects.toThrow(/injected background failure/);
  });
});
