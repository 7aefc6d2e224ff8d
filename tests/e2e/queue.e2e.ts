import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEED, SMS_TO_ANA } from '../stand-in/server';
import { createSmsInClose } from './support/close-api';
import { stopServiceWorker } from './support/extension';
import { readTrusted } from './support/messages';
import { QueuePage } from './support/pages';
import { type E2eSession, SHOTS, startSignedInSession } from './support/session';

const inDays = (d: number) => new Date(Date.now() + d * 86_400_000).toISOString().replace(/\.\d{3}Z$/, '+00:00');

describe('drafts & scheduled: quick edits', () => {
  let s: E2eSession;

  beforeAll(async () => {
    s = await startSignedInSession({ sendDelayMs: 300, sendInUnitMs: 100 });
  });
  afterAll(async () => {
    await s?.stop();
  });

  async function openQueue(): Promise<Page> {
    return (await QueuePage.open(s.ext)).page;
  }
  const row = (page: Page, text: string) => new QueuePage(page).row(text);
  const sms = (id: string) => s.close.state.sms.get(id);

  it('lists the seeded draft and scheduled texts', async () => {
    const page = await openQueue();
    await expect.poll(() => row(page, SEED.sms.draft.text).count()).toBe(1);
    await expect.poll(() => row(page, SEED.sms.scheduled.text).count()).toBe(1);
    expect(await row(page, SEED.sms.scheduled.text).textContent()).toContain('Thames Analytics Ltd');
    await page.screenshot({ path: `${SHOTS}/queue.png` });
    await page.close();
  });

  it('edits a draft’s text', async () => {
    const { id } = await createSmsInClose(s.close, { ...SMS_TO_ANA, status: 'draft', text: 'Draft with a tpyo' });
    const page = await openQueue();
    await row(page, 'Draft with a tpyo').getByRole('button').first().click();
    await page.getByLabel('Text', { exact: true }).fill('Draft with a typo fixed');
    await page.keyboard.press('Control+Enter');
    await expect.poll(() => sms(id)?.text).toBe('Draft with a typo fixed');
    expect(sms(id)?.status).toBe('draft');
    await page.close();
  });

  it('edits a scheduled text and keeps it scheduled at the same time', async () => {
    const when = inDays(2);
    const { id } = await createSmsInClose(s.close, {
      ...SMS_TO_ANA,
      status: 'scheduled',
      date_scheduled: when,
      text: 'Sched A',
    });
    const page = await openQueue();
    await row(page, 'Sched A').getByRole('button').first().click();
    await page.screenshot({ path: `${SHOTS}/queue-edit.png` });
    await page.getByLabel('Text', { exact: true }).fill('Sched A, edited');
    await page.getByRole('button', { name: 'Save text' }).click();
    await expect.poll(() => page.getByText('Saved; still scheduled.').count()).toBe(1);
    expect(sms(id)).toMatchObject({ status: 'scheduled', text: 'Sched A, edited' });
    expect(Date.parse(sms(id)?.date_scheduled ?? '')).toBe(Date.parse(when));
    await page.close();
  });

  it('reschedules a scheduled text', async () => {
    const { id } = await createSmsInClose(s.close, {
      ...SMS_TO_ANA,
      status: 'scheduled',
      date_scheduled: inDays(2),
      text: 'Sched B',
    });
    const page = await openQueue();
    await row(page, 'Sched B').getByRole('button').first().click();
    const target = new Date(Date.now() + 3 * 86_400_000);
    target.setSeconds(0, 0);
    const pad = (n: number) => String(n).padStart(2, '0');
    const local = `${target.getFullYear()}-${pad(target.getMonth() + 1)}-${pad(target.getDate())}T${pad(target.getHours())}:${pad(target.getMinutes())}`;
    await page.getByLabel('Scheduled for').fill(local);
    await page.getByRole('button', { name: 'Reschedule' }).click();
    await expect.poll(() => Date.parse(sms(id)?.date_scheduled ?? '')).toBe(target.getTime());
    expect(sms(id)?.status).toBe('scheduled');
    await page.close();
  });

  it('sends a draft now', async () => {
    const { id } = await createSmsInClose(s.close, { ...SMS_TO_ANA, status: 'draft', text: 'Send me now' });
    const page = await openQueue();
    await row(page, 'Send me now').getByRole('button').first().click();
    await page.getByRole('button', { name: 'Send now' }).click();
    await expect.poll(() => sms(id)?.status, { timeout: 15_000 }).toBe('sent');
    await page.close();
  });

  it('cancels a scheduled text back to draft, then deletes it after confirmation', async () => {
    const { id } = await createSmsInClose(s.close, {
      ...SMS_TO_ANA,
      status: 'scheduled',
      date_scheduled: inDays(1),
      text: 'Cancel me',
    });
    const page = await openQueue();
    await row(page, 'Cancel me').getByRole('button').first().click();
    await page.getByRole('button', { name: 'Cancel schedule' }).click();
    await expect.poll(() => sms(id)?.status).toBe('draft');
    await row(page, 'Cancel me').getByRole('button').first().click();
    await page.getByRole('button', { name: 'Delete…' }).click();
    expect(sms(id)).toBeDefined();
    await page.getByRole('button', { name: 'Confirm delete' }).click();
    await expect.poll(() => sms(id)).toBeUndefined();
    await expect.poll(() => row(page, 'Cancel me').count()).toBe(0);
    await page.close();
  });

  it('refuses an edit of a text deleted behind its back, says so, and drops the row', async () => {
    const { id } = await createSmsInClose(s.close, { ...SMS_TO_ANA, status: 'draft', text: 'Deleted elsewhere' });
    const page = await openQueue();
    await row(page, 'Deleted elsewhere').getByRole('button').first().click();
    s.close.state.sms.delete(id);
    await page.getByLabel('Text', { exact: true }).fill('My edit');
    await page.getByRole('button', { name: 'Save text' }).click();
    await expect.poll(() => page.getByText(/no longer exists in Close/).count()).toBe(1);
    await expect.poll(() => row(page, 'Deleted elsewhere').count()).toBe(0);
    await page.close();
  });

  it('keeps the original on bad input: empty text, a past time, a 429 from Close', async () => {
    const { id } = await createSmsInClose(s.close, {
      ...SMS_TO_ANA,
      status: 'scheduled',
      date_scheduled: inDays(1),
      text: 'Keep me',
    });
    const before = { ...sms(id) };
    const page = await openQueue();
    await row(page, 'Keep me').getByRole('button').first().click();
    await page.getByLabel('Text', { exact: true }).fill('   ');
    await page.getByRole('button', { name: 'Save text' }).click();
    await expect.poll(() => page.getByText(/cannot be empty/).count()).toBe(1);
    await page.getByLabel('Scheduled for').fill('2020-01-01T09:00');
    await page.getByRole('button', { name: 'Reschedule' }).click();
    await expect.poll(() => page.getByText(/at least a minute from now/).count()).toBe(1);
    s.close.faults.failNext({
      count: 10,
      method: 'PUT',
      status: 429,
      body: { error: { message: 'API call count exceeded', rate_reset: 120 } },
      headers: { RateLimit: 'limit=10, remaining=0, reset=120' },
    });
    await page.getByLabel('Text', { exact: true }).fill('Keep me, edited');
    await page.getByRole('button', { name: 'Save text' }).click();
    await expect.poll(() => page.getByRole('alert').last().textContent()).toMatch(/Nothing was changed/);
    s.close.faults.clear();
    expect(sms(id)).toMatchObject({ status: before.status, text: 'Keep me', date_scheduled: before.date_scheduled });
    await page.close();
  });

  it('raises a notification and a badge when a text ends in error', async () => {
    const carla = SEED.contacts.carla;
    const popup = await s.ext.openPage(`popup.html?to=${encodeURIComponent(carla.phone)}`);
    await popup.getByLabel('Message').fill('This goes to a landline');
    await popup.getByRole('button', { name: 'Send' }).click();
    await expect.poll(() => popup.getByText(/Close could not deliver it/).count(), { timeout: 20_000 }).toBe(1);
    await popup.close();
    // The alarm fires every 30 s; run its listener now, as the browser would.
    await s.ext.worker.evaluate(() => {
      (chrome.alarms.onAlarm as unknown as { dispatch(a: unknown): void }).dispatch({
        name: 'delivery-check',
        scheduledTime: Date.now(),
      });
    });
    await expect.poll(() => s.ext.worker.evaluate(() => chrome.action.getBadgeText({}))).toBe('1');
    // The notification follows the badge (it is raised once the state is saved).
    await expect
      .poll(async () => Object.keys(await s.ext.worker.evaluate(() => chrome.notifications.getAll())))
      .toContainEqual(expect.stringMatching(/^failed:acti_/));
  });

  it('keeps the badge and the list right after the service worker restarts', async () => {
    await s.ext.worker.evaluate(() => {
      (globalThis as { beforeStop?: boolean }).beforeStop = true;
    });
    await stopServiceWorker(s.ext);
    const page = await openQueue();
    await expect.poll(() => row(page, SEED.sms.scheduled.text).count()).toBe(1);
    // A fresh worker: the global set before the stop is gone.
    expect(await s.ext.worker.evaluate(() => (globalThis as { beforeStop?: boolean }).beforeStop)).toBeUndefined();
    await expect.poll(() => s.ext.worker.evaluate(() => chrome.action.getBadgeText({}))).toBe('1');
    await page.close();
  });

  it('lets the rep mark a failed text as seen, which clears it from the badge', async () => {
    const page = await openQueue();
    await row(page, 'This goes to a landline').getByRole('button').first().click();
    await page.getByRole('button', { name: 'Mark as seen' }).click();
    await expect
      .poll(async () => {
        const stored = (await readTrusted(s.ext.worker, 'item:delivery')) as { value?: { failed: object } } | null;
        return stored?.value?.failed ?? {};
      })
      .toEqual({});
    // No longer the red "failed" badge (it may still count scheduled texts, in blue).
    await expect
      .poll(() => s.ext.worker.evaluate(() => chrome.action.getBadgeBackgroundColor({})))
      .toEqual([37, 99, 235, 255]);
    await page.close();
  });
});
