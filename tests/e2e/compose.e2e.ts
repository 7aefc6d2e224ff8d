// The compose flow of the popup, in real Chromium against the Close stand-in over HTTP.
process.env.TZ = 'America/Los_Angeles';

import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEED } from '../stand-in/server';
import { setDetectionMode } from './support/detection';
import { type E2eSession, saveKeyThroughOptions, startSession, tabIdOf } from './support/session';

const SHOTS = 'screenshots';
const ANA = SEED.contacts.ana;

describe('compose in the popup', () => {
  let s: E2eSession;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    s = await startSession({ sendDelayMs: 300, sendInUnitMs: 100 });
    const options = await saveKeyThroughOptions(s.ext);
    await options.getByText('Connected as').waitFor();
    await options.close();
    await setDetectionMode(s.ext.worker, 'all');
  });
  afterAll(async () => {
    await s?.stop();
  });

  async function compose(query: string): Promise<Page> {
    const page = await s.ext.openPage(`popup.html?${query}`);
    await page.setViewportSize({ width: 400, height: 720 });
    await expect.poll(() => page.getByRole('button', { name: 'Send' }).count()).toBe(1);
    return page;
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
});
