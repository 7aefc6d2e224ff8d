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

  it('the send gate checks quiet hours in the recipient’s zone with Firefox’s own Temporal', async () => {
    const page = await s.ext.openPage('options.html');
    // Default window, and Ana in whichever zone is now at night: Send is refused and 8:00 their time offered.
    await askFromPage(page, 'updateSettings', {
      quietHours: { enabled: true, start: '08:00', end: '21:00', daysOff: [] },
    });
    const now = new Date();
    const night = [
      'Pacific/Honolulu',
      'America/New_York',
      'Europe/London',
      'Asia/Dubai',
      'Asia/Shanghai',
      'Pacific/Auckland',
    ]
      .concat(['America/Los_Angeles', 'America/Sao_Paulo', 'Europe/Moscow', 'Asia/Dhaka', 'Asia/Tokyo'])
      .find((zone) => {
        const hour = Number(
          new Intl.DateTimeFormat('en-US', { hour: 'numeric', hourCycle: 'h23', timeZone: zone }).format(now),
        );
        return hour >= 22 || hour < 6;
      });
    const contact = s.close.state.contacts.get(ANA.id);
    if (!night || !contact) throw new Error('no city at night, or the seed changed');
    contact.timezone = night;
    const r = (await askFromPage(page, 'sendText', {
      mode: 'send',
      to: ANA.phone,
      from: SEED.phoneNumbers.us.number,
      leadId: SEED.leads.bayview.id,
      contactId: ANA.id,
      text: 'Firefox at night',
      templateId: null,
    })) as { ok: boolean; error?: { confirm?: { ack: string }; nextAllowed?: string; message: string } };
    expect(r.ok).toBe(false);
    expect(r.error?.confirm?.ack).toBe('quiet-hours');
    const next = new Date(r.error?.nextAllowed ?? '');
    expect(new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', timeZone: night }).format(next)).toBe(
      '08:00',
    );
    expect(s.close.state.smsByText('Firefox at night')).toHaveLength(0);
    await askFromPage(page, 'updateSettings', {
      quietHours: { enabled: false, start: '08:00', end: '21:00', daysOff: [] },
    });
    contact.timezone = null;
    await closePage(page);
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
