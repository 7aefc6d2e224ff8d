import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEED } from '../stand-in/server';
import { setDetectionMode } from './support/detection';
import { contentReadableStorage, readTrusted } from './support/messages';
import {
  type E2eSession,
  SHOTS,
  saveKeyThroughOptions,
  startSession,
  startSignedInSession,
  tabIdOf,
} from './support/session';

describe('right-click menus', () => {
  let s: E2eSession;

  beforeAll(async () => {
    s = await startSignedInSession();
  });
  afterAll(async () => {
    await s?.stop();
  });

  /**
   * Native menus can't be clicked in automation: run the real listener with the info Chrome would pass.
   * The tab's window doesn't exist, so the toolbar popup can't open there and the compose window opens
   * instead — a page the test can read (the toolbar popup is not exposed to automation).
   */
  async function clickMenu(info: Record<string, string>): Promise<Page> {
    const opened = s.ext.context.waitForEvent('page', { predicate: (p) => p.url().includes('/popup.html') });
    await s.ext.worker.evaluate((i) => {
      const onClicked = chrome.contextMenus.onClicked as unknown as {
        dispatch(info: unknown, tab?: unknown): void;
      };
      onClicked.dispatch(
        { editable: false, pageUrl: 'http://127.0.0.1/', ...i },
        { id: 1_000_001, windowId: 1_000_001 },
      );
    }, info);
    const page = await opened;
    await page.waitForLoadState();
    return page;
  }

  it('registers its menu items', async () => {
    const exists = await s.ext.worker.evaluate(async () => {
      const ids = ['text-selection', 'text-link', 'text-lead'];
      return Promise.all(
        ids.map((id) =>
          chrome.contextMenus.update(id, {}).then(
            () => true,
            () => false,
          ),
        ),
      );
    });
    expect(exists).toEqual([true, true, true]);
    const missing = await s.ext.worker.evaluate(() =>
      chrome.contextMenus.update('no-such-item', {}).then(
        () => true,
        () => false,
      ),
    );
    expect(missing).toBe(false);
  });

  it('opens the toolbar popup with the target where the browser allows it', async () => {
    const anyPage = await s.ext.context.newPage();
    await anyPage.goto(`${s.fixtures.url}/contact-page.html`);
    await s.ext.worker.evaluate(() => {
      const onClicked = chrome.contextMenus.onClicked as unknown as { dispatch(info: unknown): void };
      onClicked.dispatch({
        menuItemId: 'text-selection',
        selectionText: '(415) 666-7777',
        editable: false,
        pageUrl: '',
      });
    });
    // The popup consumed the request the background left for it.
    await expect
      .poll(() =>
        s.ext.worker.evaluate(async () => ({
          popups: (await chrome.runtime.getContexts({ contextTypes: ['POPUP' as chrome.runtime.ContextType] })).length,
          pending: (await chrome.storage.session.get('pendingCompose')).pendingCompose ?? null,
        })),
      )
      .toEqual({ popups: 1, pending: null });
    await anyPage.close();
  });

  it('opens compose for the first number of a selection and lists the others', async () => {
    const page = await clickMenu({
      menuItemId: 'text-selection',
      selectionText: `Ana: ${SEED.contacts.ana.phone}, backup +44 20 7946 0958`,
    });
    await expect.poll(() => page.getByLabel('To', { exact: true }).textContent()).toBe(SEED.contacts.ana.phone);
    await expect.poll(() => page.getByRole('button', { name: '+442079460958' }).count()).toBe(1);
    await expect.poll(() => page.getByLabel('Lead', { exact: true }).textContent()).toBe('Bayview Dental');
    await page.close();
  });

  it('opens compose for a tel: link', async () => {
    const page = await clickMenu({ menuItemId: 'text-link', linkUrl: `tel:${SEED.contacts.chloe.phone}` });
    await expect.poll(() => page.getByLabel('To', { exact: true }).textContent()).toBe(SEED.contacts.chloe.phone);
    await page.close();
  });

  it('opens compose for a Close lead link', async () => {
    const page = await clickMenu({
      menuItemId: 'text-lead',
      linkUrl: `https://app.close.com/lead/${SEED.leads.thames.id}/`,
    });
    await expect.poll(() => page.getByLabel('Lead', { exact: true }).textContent()).toBe(SEED.leads.thames.name);
    await expect.poll(() => page.getByLabel('To', { exact: true }).textContent()).toBe(SEED.contacts.oliver.phone);
    await page.close();
  });

  it('explains a selection without a number instead of showing an empty composer', async () => {
    const page = await clickMenu({ menuItemId: 'text-selection', selectionText: 'Invoice 2024-01-15 for $1,234.56' });
    await expect.poll(() => page.getByText(/No phone number found in/).count()).toBe(1);
    expect(await page.getByRole('button', { name: 'Send' }).count()).toBe(0);
    await page.close();
  });

  it('handles a 1 MB selection', async () => {
    const big = `${SEED.contacts.ana.phone} ${'lorem ipsum dolor '.repeat(60_000)}`;
    const page = await clickMenu({ menuItemId: 'text-selection', selectionText: big });
    await expect.poll(() => page.getByLabel('To', { exact: true }).textContent()).toBe(SEED.contacts.ana.phone);
    await page.close();
  });
});

describe('options page', () => {
  let s: E2eSession;
  beforeAll(async () => {
    s = await startSession();
  });
  afterAll(async () => {
    await s?.stop();
  });

  it('refuses a wrong key with Close’s reason and keeps nothing', async () => {
    const page = await saveKeyThroughOptions(s.ext, 'wrong_key');
    await expect.poll(() => page.getByRole('alert').textContent()).toMatch(/Close rejected your API key/);
    expect(await readTrusted(s.ext.worker, 'item:apiKeySealed')).toBeNull();
    await page.close();
  });

  it('accepts a pasted key with whitespace and newlines, shows the user, and never stores it in plain form', async () => {
    const page = await saveKeyThroughOptions(s.ext, `  ${SEED.apiKey}\n`);
    await expect
      .poll(() => page.locator('.account').textContent())
      .toContain(`Connected as ${SEED.user.firstName} ${SEED.user.lastName} (${SEED.user.email})`);
    await page.screenshot({ path: `${SHOTS}/options-connected.png`, fullPage: true });
    expect(await contentReadableStorage(s.ext.worker)).not.toContain(SEED.apiKey);
    const sealed = JSON.stringify(await readTrusted(s.ext.worker, 'item:apiKeySealed'));
    expect(sealed).toMatch(/"iv"/);
    expect(sealed).not.toContain(SEED.apiKey);
    await page.close();
  });

  it('tells the rep when Close revokes the key, keeping the typed text', async () => {
    s.close.faults.failNext({ count: 20, status: 401, body: { error: 'Invalid API key' } });
    const popup = await s.ext.openPage(`popup.html?to=${encodeURIComponent(SEED.contacts.ana.phone)}`);
    await popup.getByLabel('Message').fill('Text typed before the key was revoked');
    await expect.poll(() => popup.getByRole('alert').first().textContent()).toMatch(/Close rejected your API key/);
    expect(await popup.getByLabel('Message').inputValue()).toBe('Text typed before the key was revoked');
    s.close.faults.clear();
    await popup.close();
  });

  it('signs out, removing the key', async () => {
    const page = await s.ext.openPage('options.html');
    await page.getByText('Connected as').waitFor();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect.poll(() => page.getByText('Connected as').count()).toBe(0);
    await expect
      .poll(async () => {
        const caches = await s.ext.worker.evaluate(() => chrome.storage.session.get(null));
        return [
          await readTrusted(s.ext.worker, 'item:apiKeySealed'),
          ...Object.keys(caches).filter((k) => k.startsWith('cache.') && !k.endsWith('$')),
        ];
      })
      .toEqual([null]);
    await page.close();
  });

  it('switches detection by mode: off highlights nothing, all sites highlights', async () => {
    await setDetectionMode(s.ext, 'off');
    const off = await s.ext.context.newPage();
    await off.goto(`${s.fixtures.url}/contact-page.html`);
    await new Promise((r) => setTimeout(r, 1000));
    expect(await off.evaluate(() => CSS.highlights.get('close-sms-number')?.size ?? 0)).toBe(0);
    await off.close();

    await setDetectionMode(s.ext, 'all');
    const all = await s.ext.context.newPage();
    await all.goto(`${s.fixtures.url}/contact-page.html`);
    await expect.poll(() => all.evaluate(() => CSS.highlights.get('close-sms-number')?.size ?? 0)).toBe(2);
    await all.close();
  });

  it('"On click" reads the page only when the popup opens, and lists what it found', async () => {
    await saveKeyThroughOptions(s.ext).then(async (p) => {
      await p.getByText('Connected as').waitFor();
      await p.close();
    });
    await setDetectionMode(s.ext, 'click');
    const page = await s.ext.context.newPage();
    await page.goto(`${s.fixtures.url}/contact-page.html`);
    await new Promise((r) => setTimeout(r, 800));
    expect(await page.evaluate(() => CSS.highlights.get('close-sms-number')?.size ?? 0)).toBe(0);
    const popup = await s.ext.openPage(`popup.html?tab=${await tabIdOf(s.ext, page.url())}`);
    await expect.poll(() => popup.getByRole('button', { name: 'Text +14156667777' }).count()).toBe(1);
    await expect.poll(() => popup.getByRole('button', { name: 'Text +14156667778' }).count()).toBe(1);
    await popup.screenshot({ path: `${SHOTS}/popup-page-numbers.png` });
    await popup.close();
    await page.close();
  });
});
