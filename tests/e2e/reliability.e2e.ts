// No text sent twice, none lost: the built extension in Chromium against the stand-in, with the faults that made
// Chromium itself re-send a POST (issue 12) and with the service worker stopped mid-request.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { SEED, SMS_TO_ANA } from '../stand-in/server';
import { createSmsInClose } from './support/close-api';
import { launchExtension, stopServiceWorker } from './support/extension';
import { readTrusted } from './support/messages';
import {
  anyHourForTests,
  type E2eSession,
  SHOTS,
  saveKeyThroughOptions,
  startSignedInSession,
} from './support/session';

const ANA = SEED.contacts.ana;
/** The built extension on a profile that outlives the browser, so it can be restarted on it. */
const launchOnProfile = (profile: string) => launchExtension(inject('extensionPath'), { profile });

/** Statuses of a text that went (or is going) out. */
const OUT = ['outbox', 'sent', 'scheduled', 'error'];

describe('a request the browser re-sends, or a worker stopped mid-request, never texts twice', () => {
  let s: E2eSession;

  beforeAll(async () => {
    s = await startSignedInSession({ sendDelayMs: 300, sendInUnitMs: 100 });
  });
  beforeEach(() => {
    s.close.faults.clear();
  });
  afterAll(async () => {
    await s?.stop();
  });

  /** Waits until every request since `mark` was answered, so their connections sit idle and the next one reuses one. */
  const idleSince = (mark: number) =>
    expect.poll(() => s.close.requests.slice(mark).every((r) => r.status !== null)).toBe(true);

  async function compose(): Promise<Page> {
    const mark = s.close.requests.length;
    const page = await s.ext.openPage(`popup.html?to=${encodeURIComponent(ANA.phone)}`);
    await page.setViewportSize({ width: 400, height: 720 });
    await page.getByLabel('From').waitFor();
    await idleSince(mark);
    return page;
  }

  const withText = (text: string) => s.close.state.smsByText(text);
  const requestsFor = (method: string, text: string) =>
    s.close.requests.filter(
      (r) => r.method === method && r.path.startsWith('/api/v1/activity/sms/') && JSON.stringify(r.body).includes(text),
    );

  /** Proves the fault happened the way the issue describes: the faulted request was on a kept-alive connection and
   * Chromium sent it again on its own (the client's code sent it once). */
  function expectBrowserResent(method: string, path: RegExp) {
    expect(s.close.faults.pending).toBe(0);
    const sent = s.close.requests.filter((r) => r.method === method && path.test(r.path));
    const dropped = sent.findIndex((r) => r.keptAlive && r.status === null);
    expect(dropped).toBeGreaterThanOrEqual(0);
    expect(sent.length).toBeGreaterThan(dropped + 1);
  }

  it.each([
    ['the draft POST', 'POST', /^\/api\/v1\/activity\/sms\/$/],
    ['the sending PUT', 'PUT', /^\/api\/v1\/activity\/sms\/acti_/],
  ])('Send: %s applied, then dropped on a kept-alive connection → exactly one SMS', async (_what, method, path) => {
    const text = `Resent ${method} on Send`;
    const popup = await compose();
    await popup.getByLabel('Message').fill(text);
    s.close.faults.dropAfterApplyNext({ method, path, connection: 'kept-alive' });
    await popup.getByRole('button', { name: 'Send' }).click();
    await expect.poll(() => popup.getByText('Sent ✓').count(), { timeout: 30_000 }).toBe(1);
    expectBrowserResent(method, path);
    expect(withText(text).map((sms) => sms.status)).toEqual(['sent']);
    await popup.close();
  });

  it('Schedule: the draft POST re-sent by the browser → exactly one scheduled SMS', async () => {
    const text = 'Resent POST on Schedule';
    const popup = await compose();
    await popup.getByLabel('Message').fill(text);
    s.close.faults.dropAfterApplyNext({
      method: 'POST',
      path: /^\/api\/v1\/activity\/sms\/$/,
      connection: 'kept-alive',
    });
    await popup.getByRole('button', { name: 'Schedule…' }).click();
    await popup.getByRole('button', { name: 'Tomorrow 9:00' }).click();
    await popup.getByRole('button', { name: 'Schedule text' }).click();
    await expect.poll(() => popup.getByText(/Scheduled for/).count(), { timeout: 30_000 }).toBe(1);
    expectBrowserResent('POST', /^\/api\/v1\/activity\/sms\/$/);
    expect(withText(text).map((sms) => sms.status)).toEqual(['scheduled']);
    await popup.close();
  });

  it('Schedule: the scheduling PUT re-sent by the browser → exactly one scheduled SMS', async () => {
    const text = 'Resent PUT on Schedule';
    const popup = await compose();
    await popup.getByLabel('Message').fill(text);
    s.close.faults.dropAfterApplyNext({
      method: 'PUT',
      path: /^\/api\/v1\/activity\/sms\/acti_/,
      connection: 'kept-alive',
    });
    await popup.getByRole('button', { name: 'Schedule…' }).click();
    await popup.getByRole('button', { name: 'Tomorrow 9:00' }).click();
    await popup.getByRole('button', { name: 'Schedule text' }).click();
    await expect.poll(() => popup.getByText(/Scheduled for/).count(), { timeout: 30_000 }).toBe(1);
    expectBrowserResent('PUT', /^\/api\/v1\/activity\/sms\/acti_/);
    expect(withText(text).map((sms) => sms.status)).toEqual(['scheduled']);
    await popup.close();
  });

  it('Drafts & scheduled, quick edit "Send now": the PUT re-sent by the browser → one SMS, reported as sending', async () => {
    const text = 'Resent PUT on Send now';
    const { id } = await createSmsInClose(s.close, { ...SMS_TO_ANA, status: 'draft', text });
    const mark = s.close.requests.length;
    const page = await s.ext.openPage('popup.html?view=queue');
    await page.setViewportSize({ width: 400, height: 720 });
    await expect.poll(() => page.getByText('Refreshing from Close…').count()).toBe(0);
    await idleSince(mark);
    const row = page.locator('li', { has: page.getByText(text, { exact: true }) });
    await row.getByRole('button').first().click();
    const path = new RegExp(`^/api/v1/activity/sms/${id}/$`);
    s.close.faults.dropAfterApplyNext({ method: 'PUT', path, connection: 'kept-alive' });
    await page.getByRole('button', { name: 'Send now', exact: true }).click();
    await expect.poll(() => page.getByText('Sending.').count(), { timeout: 15_000 }).toBe(1);
    expectBrowserResent('PUT', path);
    await expect.poll(() => withText(text).map((sms) => sms.status), { timeout: 15_000 }).toEqual(['sent']);
    expect(await page.getByRole('alert').count()).toBe(0);
    await page.close();
  });

  describe('the service worker stopped between the request and its answer', () => {
    it.each([
      ['Close never got the send (the PUT hangs unapplied)', 'hang'],
      ['Close applied the send (the PUT hangs after applying)', 'hang-after-apply'],
    ] as const)('%s: at most one SMS goes out, nothing is sent again, the typed text stays', async (_what, kind) => {
      const text = `Worker stopped, ${kind}`;
      const popup = await compose();
      await popup.getByLabel('Message').fill(text);
      const path = /^\/api\/v1\/activity\/sms\/acti_/;
      if (kind === 'hang') s.close.faults.hangNext({ method: 'PUT', path });
      else s.close.faults.hangAfterApplyNext({ method: 'PUT', path });
      await popup.getByRole('button', { name: 'Send' }).click();
      await expect.poll(() => s.close.faults.pending, { timeout: 15_000 }).toBe(0);
      await stopServiceWorker(s.ext);
      const sentBefore = withText(text).filter((sms) => OUT.includes(sms.status)).length;
      expect(sentBefore).toBe(kind === 'hang' ? 0 : 1);
      // Wake the worker (a new one starts) and give anything that might re-send by itself the time to do it.
      await s.ext.openPage('popup.html?view=queue').then((page) => page.close());
      await new Promise((resolve) => setTimeout(resolve, 2000));
      await popup.screenshot({ path: `${SHOTS}/reliability-worker-stopped-${kind}.png` });
      expect(withText(text).filter((sms) => OUT.includes(sms.status))).toHaveLength(sentBefore);
      expect(withText(text)).toHaveLength(1);
      expect(requestsFor('POST', text)).toHaveLength(1);
      expect(await popup.getByLabel('Message').inputValue()).toBe(text);
      // The rep is told the truth at once, and Send stays off until they have looked in Close.
      await expect
        .poll(() => popup.getByRole('alert').first().textContent(), { timeout: 10_000 })
        .toMatch(/may or may not have gone through/);
      expect(await popup.getByRole('link', { name: 'Open the lead in Close' }).getAttribute('href')).toMatch(
        /^https:\/\/app\.close\.com\/lead\/lead_/,
      );
      expect(await popup.getByRole('button', { name: 'Send', exact: true }).isDisabled()).toBe(true);
      await popup.getByRole('button', { name: /I checked Close/ }).click();
      expect(await popup.getByRole('button', { name: 'Send', exact: true }).isDisabled()).toBe(false);
      await popup.close();
    });
  });

  it('offline: Send says so without trying, keeps the text, and sends nothing later by itself', async () => {
    const text = 'Typed while offline';
    const popup = await compose();
    await popup.getByLabel('Message').fill(text);
    const mark = s.close.requests.length;
    await s.ext.context.setOffline(true);
    try {
      await popup.getByRole('button', { name: 'Send' }).click();
      await expect.poll(() => popup.getByRole('alert').first().textContent(), { timeout: 10_000 }).toMatch(/offline/);
      expect(await popup.getByLabel('Message').inputValue()).toBe(text);
    } finally {
      await s.ext.context.setOffline(false);
    }
    // Back online: nothing goes out unless the rep sends it.
    await new Promise((resolve) => setTimeout(resolve, 2000));
    expect(s.close.requests.slice(mark).filter((r) => r.method !== 'GET')).toEqual([]);
    expect(withText(text)).toEqual([]);
    await popup.close();
  });

  it('browser restarted with an unsent compose text and a text still tracked: the text is back, still one text, still tracked', {
    timeout: 90_000,
  }, async () => {
    // A browser of its own, so it can be closed and started again on the same profile.
    const profile = mkdtempSync(join(tmpdir(), 'close-sms-restart-'));
    let ext = await launchOnProfile(profile);
    try {
      const options = await saveKeyThroughOptions(ext);
      await options.getByText('Connected as').waitFor();
      await options.close();
      await anyHourForTests(ext);
      // A text still being tracked: scheduled from the popup.
      const scheduledText = 'Tracked across a browser restart';
      const first = await ext.openPage(`popup.html?to=${encodeURIComponent(ANA.phone)}`);
      await first.getByLabel('Message').fill(scheduledText);
      await first.getByRole('button', { name: 'Schedule…' }).click();
      await first.getByRole('button', { name: 'Tomorrow 9:00' }).click();
      await first.getByRole('button', { name: 'Schedule text' }).click();
      await expect.poll(() => first.getByText(/Scheduled for/).count(), { timeout: 30_000 }).toBe(1);
      await first.close();
      // An unsent text, typed and left.
      const unsent = 'Typed, never sent, browser restarted';
      const second = await ext.openPage(`popup.html?to=${encodeURIComponent(SEED.contacts.chloe.phone)}`);
      await second.getByLabel('Message').pressSequentially(unsent);
      await second.close();

      await ext.close();
      // While the browser is closed the carrier reports the text failed: tracking must resume to notice.
      const [queued] = withText(scheduledText);
      if (!queued) throw new Error('the scheduled text is missing');
      Object.assign(queued, { status: 'error', error_message: 'Carrier rejected the message.' });
      ext = await launchOnProfile(profile);

      const again = await ext.openPage(`popup.html?to=${encodeURIComponent(SEED.contacts.chloe.phone)}`);
      await expect.poll(() => again.getByLabel('Message').inputValue()).toBe(unsent);
      await again.close();
      expect(withText(unsent)).toEqual([]);
      // Tracking resumed after the restart (the browser dropped the alarm): the failure is noticed.
      await expect
        .poll(
          async () => {
            const stored = (await readTrusted(ext.worker, 'item:delivery')) as {
              value?: { failed: Record<string, { reason: string }> };
            } | null;
            return stored?.value?.failed[queued.id]?.reason ?? null;
          },
          { timeout: 30_000 },
        )
        .toBe('Carrier rejected the message.');
      expect(withText(scheduledText)).toHaveLength(1);
    } finally {
      await ext.close();
      rmSync(profile, { recursive: true, force: true });
    }
  });
});
