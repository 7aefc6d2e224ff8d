// Replies in Firefox ESR: the event page's alarm-driven poller notices a reply, the badge counts it, and the
// thread marks it read once shown.

import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEED } from '../stand-in/server';
import { waitForElement } from './support/dom';
import { waitFor } from './support/firefox';
import { closePage } from './support/health';
import { askFromPage, type FirefoxSession, signIn, startFirefoxSession } from './support/session';

const ANA = SEED.contacts.ana;
const BAYVIEW = SEED.leads.bayview.id;

describe('replies in Firefox', () => {
  let s: FirefoxSession;
  let options: Page;

  beforeAll(async () => {
    s = await startFirefoxSession({ sendDelayMs: 300, sendInUnitMs: 100 });
    options = await signIn(s.ext);
  });
  afterAll(async () => {
    await s?.stop();
  });

  const badge = () => options.evaluate(() => browser.action.getBadgeText({}));

  it('a reply to a text sent from the extension is counted on the badge, shown as new, then read', async () => {
    const sent = await askFromPage(options, 'sendText', {
      mode: 'send',
      to: ANA.phone,
      from: SEED.phoneNumbers.us.number,
      leadId: BAYVIEW,
      contactId: ANA.id,
      text: 'Hi Ana, from Firefox',
      templateId: null,
    });
    expect(sent.ok).toBe(true);
    s.close.receiveReply({ from: ANA.phone, text: 'Firefox reply: sounds good' });
    await waitFor('the badge to count the reply', async () => (await badge()) === '1', 130_000);
    // (Headless Firefox closes system notifications at once, so getAll() has nothing to show here.)

    const page = await s.ext.openPage(`popup.html?lead=${BAYVIEW}&to=${encodeURIComponent(ANA.phone)}`);
    const bubble = await waitForElement(page, 'the new reply', () =>
      document.querySelector('.conversation li.unread .bubble'),
    );
    expect(await bubble.evaluate((b) => b.textContent)).toBe('Firefox reply: sounds good');
    await waitFor('the badge to clear', async () => (await badge()) === '');
    await closePage(page);
  }, 180_000);
});
