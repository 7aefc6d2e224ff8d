// The compose flow of the popup, in real Chromium against the Close stand-in over HTTP.
process.env.TZ = 'America/Los_Angeles';

import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { SEED, startStandIn } from '../stand-in/server';
import { setDetectionMode } from './support/detection';
import { stopServiceWorker } from './support/extension';
import { PopupPage } from './support/pages';
import { type E2eSession, SHOTS, startSignedInSession, tabIdOf } from './support/session';

const ANA = SEED.contacts.ana;

describe('compose in the popup', () => {
  let s: E2eSession;

  beforeAll(async () => {
    // send_in seconds last 0.4 s here: a 4 s undo window, short for the suite, long enough for a loaded CI.
    s = await startSignedInSession({ sendDelayMs: 300, sendInUnitMs: 400 });
    await setDetectionMode(s.ext, 'all');
  });
  afterAll(async () => {
    await s?.stop();
  });

  async function compose(query: string): Promise<Page> {
    const popup = await PopupPage.open(s.ext, query);
    await popup.composerSettled();
    return popup.page;
  }

  const smsWithText = (text: string) => s.close.state.smsByText(text);

  it('picks a number on the page, resolves the lead and sends exactly one text that ends up sent', async () => {
    const prospect = await s.ext.context.newPage();
    await prospect.goto(`${s.fixtures.url}/prospect.html`);
    await expect.poll(() => prospect.evaluate(() => CSS.highlights.get('close-sms-number')?.size ?? 0)).toBe(3);
    const tabId = await tabIdOf(s.ext, `${s.fixtures.url}/prospect.html`);

    const popup = await s.ext.openPage(`popup.html?tab=${tabId}`);
    await popup.setViewportSize({ width: 400, height: 720 });
    await popup.getByRole('button', { name: `Text ${ANA.phone}` }).click();
    await expect.poll(() => popup.getByLabel('Lead', { exact: true }).textContent()).toBe('Bayview Dental');
    await expect.poll(() => popup.getByLabel('Contact', { exact: true }).textContent()).toContain('Ana Torres');
    await popup.getByLabel('Message').fill('Hi Ana, e2e send check.');
    await popup.screenshot({ path: `${SHOTS}/compose.png` });
    await popup.getByRole('button', { name: 'Send' }).click();
    await expect.poll(() => popup.getByText('Sent ✓').count(), { timeout: 30_000 }).toBe(1);
    await popup.screenshot({ path: `${SHOTS}/compose-sent.png` });

    const sms = smsWithText('Hi Ana, e2e send check.');
    expect(sms).toHaveLength(1);
    expect(sms[0]).toMatchObject({
      status: 'sent',
      remote_phone: ANA.phone,
      local_phone: SEED.phoneNumbers.us.number,
      lead_id: SEED.leads.bayview.id,
      contact_id: ANA.id,
    });
    await popup.close();
    await prospect.close();
  });

  it('schedules for tomorrow 9:00 in the rep’s zone, sent to Close in UTC', async () => {
    const popup = await compose(`to=${encodeURIComponent(ANA.phone)}`);
    await popup.getByLabel('Message').fill('Scheduled e2e text');
    await popup.getByRole('button', { name: 'Schedule…' }).click();
    await popup.getByRole('button', { name: 'Tomorrow 9:00' }).click();
    await popup.getByRole('button', { name: 'Schedule text' }).click();
    await expect.poll(() => popup.getByText(/Scheduled for/).count()).toBe(1);
    await popup.screenshot({ path: `${SHOTS}/compose-scheduled.png` });
    const tomorrow9 = new Date();
    tomorrow9.setDate(tomorrow9.getDate() + 1);
    tomorrow9.setHours(9, 0, 0, 0);
    const [sms] = smsWithText('Scheduled e2e text');
    expect(sms?.status).toBe('scheduled');
    expect(Date.parse(sms?.date_scheduled ?? '')).toBe(tomorrow9.getTime());
    expect(sms?.date_scheduled).toMatch(/\+00:00$/);
    await popup.close();
  });

  it('saves a draft', async () => {
    const popup = await compose(`to=${encodeURIComponent(ANA.phone)}`);
    await popup.getByLabel('Message').fill('Draft e2e text');
    await popup.getByRole('button', { name: 'Save draft' }).click();
    await expect.poll(() => popup.getByText('Saved as a draft in Close.').count()).toBe(1);
    expect(smsWithText('Draft e2e text').map((m) => m.status)).toEqual(['draft']);
    await popup.close();
  });

  it('undoes a send inside the undo window: back to draft, nothing sent, text back in the composer', async () => {
    const popup = await compose(`to=${encodeURIComponent(ANA.phone)}`);
    await popup.getByLabel('Message').fill('Undo me please');
    await popup.keyboard.press('Control+Enter');
    await popup.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => popup.getByLabel('Message').inputValue()).toBe('Undo me please');
    await new Promise((r) => setTimeout(r, 800));
    expect(smsWithText('Undo me please').map((m) => m.status)).toEqual(['draft']);
    await popup.close();
  });

  it('refuses to text a contact whose SMS are blocked', async () => {
    const popup = await compose(`to=${encodeURIComponent(SEED.contacts.ben.phone)}`);
    await expect.poll(() => popup.getByText(/opted out of texts/).count()).toBe(1);
    await popup.getByLabel('Message').fill('Should never go');
    expect(await popup.getByRole('button', { name: 'Send' }).isDisabled()).toBe(true);
    await popup.screenshot({ path: `${SHOTS}/compose-blocked.png` });
    await popup.close();
  });

  it('creates a lead for an unknown number and attaches the text to it', async () => {
    const popup = await compose(`to=${encodeURIComponent('+14156667777')}`);
    await expect.poll(() => popup.getByText("This number isn't on any lead in Close yet.").count()).toBe(1);
    await popup.getByLabel('Lead name (optional)').fill('Golden Gate Roofing');
    await popup.getByRole('button', { name: 'Create lead' }).click();
    await expect.poll(() => popup.getByLabel('Lead', { exact: true }).textContent()).toBe('Golden Gate Roofing');
    await popup.getByLabel('Message').fill('Welcome aboard, Golden Gate');
    await popup.getByRole('button', { name: 'Send' }).click();
    await expect.poll(() => popup.getByText('Sent ✓').count(), { timeout: 30_000 }).toBe(1);
    const lead = [...s.close.state.leads.values()].find((l) => l.display_name === 'Golden Gate Roofing');
    expect(lead).toBeDefined();
    const [sms] = smsWithText('Welcome aboard, Golden Gate');
    expect(sms?.lead_id).toBe(lead?.id);
    await popup.close();
  });

  it('restores the text after the popup is closed mid-typing', async () => {
    const first = await compose(`to=${encodeURIComponent(SEED.contacts.chloe.phone)}`);
    await first.getByLabel('Message').pressSequentially('Half-written thought');
    await first.close();
    const again = await compose(`to=${encodeURIComponent(SEED.contacts.chloe.phone)}`);
    await expect.poll(() => again.getByLabel('Message').inputValue()).toBe('Half-written thought');
    await again.close();
  });

  it('sends a template: active ones only in the picker, previewed, rendered by Close', async () => {
    const popup = await compose(`to=${encodeURIComponent(ANA.phone)}`);
    const picker = popup.getByLabel('Template');
    const options = await picker.locator('option').allTextContents();
    expect(options).toEqual(['No template', SEED.templates.intro.name, SEED.templates.followUp.name]);
    await picker.selectOption({ label: SEED.templates.intro.name });
    await expect.poll(() => popup.getByLabel('Template preview').textContent()).toBe(SEED.templates.intro.text);
    await popup.getByRole('button', { name: 'Send' }).click();
    await expect.poll(() => popup.getByText('Sent ✓').count(), { timeout: 30_000 }).toBe(1);
    const rendered = 'Hi Ana, this is Maya from Northwind Solar. Reply STOP to opt out.';
    const [sms] = smsWithText(rendered);
    expect(sms).toMatchObject({ status: 'sent', template_id: SEED.templates.intro.id });
    await popup.close();
  });

  it('opens on warm caches with a single Close request before the composer is usable', async () => {
    const warm = await compose(`to=${encodeURIComponent(ANA.phone)}`);
    await warm.getByLabel('Lead', { exact: true }).waitFor();
    await warm.close();
    const before = s.close.requests.length;
    const popup = await compose(`to=${encodeURIComponent(ANA.phone)}`);
    await expect.poll(() => popup.getByLabel('From').count()).toBe(1);
    const made = s.close.requests.slice(before).map((r) => `${r.method} ${r.path}`);
    // The conversation (lead + recent texts) loads after the composer is usable; nothing else may.
    const beforeUsable = made.filter((r) => !/GET \/api\/v1\/(lead\/lead_|activity\/sms\/$)/.test(r));
    expect(beforeUsable).toEqual(['POST /api/v1/data/search/']);
    await popup.close();
  });

  it('keeps working and keeps the text when the service worker is stopped mid-compose', async () => {
    const popup = await compose(`to=${encodeURIComponent(SEED.contacts.chloe.phone)}`);
    await popup.getByLabel('Message').fill('Written before the worker stopped');
    await s.ext.worker.evaluate(() => {
      (globalThis as { beforeStop?: boolean }).beforeStop = true;
    });
    await stopServiceWorker(s.ext);
    await popup.getByRole('button', { name: 'Save draft' }).click();
    await expect.poll(() => popup.getByText('Saved as a draft in Close.').count(), { timeout: 20_000 }).toBe(1);
    expect(smsWithText('Written before the worker stopped').map((m) => m.status)).toEqual(['draft']);
    expect(await s.ext.worker.evaluate(() => (globalThis as { beforeStop?: boolean }).beforeStop)).toBeUndefined();
    await popup.close();
  });

  describe('bad input ends in a clear message and keeps the typed text', () => {
    it('refuses an invalid number typed in the picker', async () => {
      const popup = await s.ext.openPage('popup.html');
      await popup.getByLabel('To', { exact: true }).fill('555-0100');
      await popup.getByRole('button', { name: 'Write a text' }).click();
      await expect.poll(() => popup.getByRole('alert').textContent()).toMatch(/is not a valid US number/);
      await popup.close();
    });

    it('refuses an invalid number in a link, with Send disabled', async () => {
      const popup = await s.ext.openPage('popup.html?to=12345');
      await popup.getByLabel('Message').fill('kept');
      await expect.poll(() => popup.getByRole('alert').first().textContent()).toMatch(/not a valid/);
      expect(await popup.getByLabel('Message').inputValue()).toBe('kept');
      await popup.close();
    });

    it('disables Send for empty and over-limit text', async () => {
      const popup = await compose(`to=${encodeURIComponent(ANA.phone)}`);
      await popup.getByLabel('From').waitFor();
      await popup.getByLabel('Message').fill('');
      expect(await popup.getByRole('button', { name: 'Send' }).isDisabled()).toBe(true);
      await popup.getByLabel('Message').fill('x'.repeat(1001));
      await expect.poll(() => popup.getByText(/over Close’s limit/).count()).toBe(1);
      expect(await popup.getByRole('button', { name: 'Send' }).isDisabled()).toBe(true);
      await popup.getByLabel('Message').fill('');
      await popup.close();
    });

    it('refuses a schedule in the past', async () => {
      const popup = await compose(`to=${encodeURIComponent(ANA.phone)}`);
      await popup.getByLabel('Message').fill('Back to the past');
      await popup.getByRole('button', { name: 'Schedule…' }).click();
      await popup.getByLabel('Send at').fill('2020-01-01T09:00');
      await popup.getByRole('button', { name: 'Schedule text' }).click();
      await expect.poll(() => popup.getByRole('alert').first().textContent()).toMatch(/at least a minute from now/);
      expect(smsWithText('Back to the past')).toEqual([]);
      await popup.getByLabel('Message').fill('');
      await popup.close();
    });

    it('explains that Close cannot be reached and keeps the text', async () => {
      const popup = await compose(`to=${encodeURIComponent(ANA.phone)}`);
      await popup.getByLabel('From').waitFor();
      await popup.getByLabel('Message').fill('Typed while Close is down');
      await s.close.close();
      try {
        await popup.getByRole('button', { name: 'Send' }).click();
        await expect
          .poll(() => popup.getByRole('alert').first().textContent(), { timeout: 30_000 })
          .toMatch(/Can't reach Close/);
        expect(await popup.getByLabel('Message').inputValue()).toBe('Typed while Close is down');
      } finally {
        s.close = await startStandIn({ port: inject('apiPort'), sendDelayMs: 300, sendInUnitMs: 400 });
      }
      await popup.close();
    });

    // Last: the client then rightly holds that endpoint group until Close's reset time.
    it('explains a 429 storm and keeps the text', async () => {
      const popup = await compose(`to=${encodeURIComponent(ANA.phone)}`);
      await popup.getByLabel('From').waitFor();
      s.close.faults.failNext({
        count: 50,
        method: 'POST',
        path: '/activity/sms/',
        status: 429,
        body: { error: { message: 'API call count exceeded for this period', rate_reset: 90 } },
        headers: { RateLimit: 'limit=10, remaining=0, reset=90' },
      });
      await popup.getByLabel('Message').fill('Rate limited text');
      await popup.getByRole('button', { name: 'Send' }).click();
      await expect.poll(() => popup.getByRole('alert').first().textContent(), { timeout: 20_000 }).toMatch(/Close/);
      await popup.screenshot({ path: `${SHOTS}/compose-rate-limited.png` });
      expect(await popup.getByLabel('Message').inputValue()).toBe('Rate limited text');
      expect(smsWithText('Rate limited text')).toEqual([]);
      s.close.faults.clear();
      await popup.getByLabel('Message').fill('');
      await popup.close();
    });
  });
});
