// Drafts & scheduled, context menus, and the event page's idle suspension in Firefox ESR.
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSmsInClose } from '../e2e/support/close-api';
import { SEED } from '../stand-in/server';
import { fillField, waitForElement } from './support/dom';
import { waitFor } from './support/firefox';
import { assertBackgroundHealthy, closePage } from './support/health';
import { type FirefoxSession, signIn, startFirefoxSession, textOf } from './support/session';

const ANA = SEED.contacts.ana;
/** Firefox suspends an idle event page after this long (default 30 s): short so the test sees it happen. */
const IDLE_MS = 2_000;

const backgroundCount = (page: Page) =>
  page.evaluate(async () => (await browser.runtime.getContexts({ contextTypes: ['BACKGROUND'] })).length);

describe('popup and event page in Firefox', () => {
  let s: FirefoxSession;
  let options: Page;

  beforeAll(async () => {
    s = await startFirefoxSession({
      sendDelayMs: 300,
      sendInUnitMs: 100,
      prefs: { 'extensions.background.idle.timeout': IDLE_MS },
    });
    options = await signIn(s.ext);
  });
  afterAll(async () => {
    await s?.stop();
  });

  it('edits a draft’s text in Drafts & scheduled', async () => {
    const { id } = await createSmsInClose(s.close, {
      lead_id: SEED.leads.bayview.id,
      contact_id: ANA.id,
      remote_phone: ANA.phone,
      local_phone: SEED.phoneNumbers.us.number,
      status: 'draft',
      text: 'Firefox draft with a tpyo',
    });
    const page = await s.ext.openPage('popup.html?view=queue');
    await page.setViewport({ width: 400, height: 720 });
    const open = await waitForElement(page, 'the draft’s row', () =>
      [...document.querySelectorAll('li')]
        .find((l) => l.textContent?.includes('Firefox draft with a tpyo'))
        ?.querySelector('button'),
    );
    await open.click();
    await fillField(page, 'Text', 'Firefox draft with a typo fixed');
    await page.keyboard.down('Control');
    await page.keyboard.press('Enter');
    await page.keyboard.up('Control');
    await waitFor(
      'Close to have the new text',
      () => s.close.state.sms.get(id)?.text === 'Firefox draft with a typo fixed',
    );
    expect(s.close.state.sms.get(id)?.status).toBe('draft');
    await closePage(page);
  });

  it('registers its right-click menu items (Firefox’s menus API answers to contextMenus too)', async () => {
    const exists = await options.evaluate(async () =>
      Promise.all(
        ['text-selection', 'text-link', 'text-lead', 'no-such-item'].map((id) =>
          browser.contextMenus.update(id, {}).then(
            () => true,
            () => false,
          ),
        ),
      ),
    );
    expect(exists).toEqual([true, true, true, false]);
  });

  it('is suspended when idle and woken by the popup, which then works', async () => {
    await closePage(options);
    const probe = await s.ext.openPage('options.html');
    await waitFor('Firefox to suspend the idle event page', async () => (await backgroundCount(probe)) === 0, 20_000);

    const popup = await s.ext.openPage(`popup.html?to=${encodeURIComponent(ANA.phone)}`);
    await waitFor('the lead, answered by the woken background', async () =>
      (await textOf(popup)).includes('Bayview Dental'),
    );
    expect(await backgroundCount(probe)).toBe(1);
    await closePage(popup);
    await closePage(probe);
    await assertBackgroundHealthy(s.ext);
    options = await s.ext.openPage('options.html');
  });
});
