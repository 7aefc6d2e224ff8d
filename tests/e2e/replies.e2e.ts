// Replies reach the rep: the background's poller against the stand-in's SMS list, in real Chromium.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEED } from '../stand-in/server';
import { setDetectionMode } from './support/detection';
import { MANY_NUMBERS_KNOWN } from './support/generated-pages';
import { PopupPage, QueuePage } from './support/pages';
import { type E2eSession, SHOTS, startSignedInSession, tabIdOf } from './support/session';

const { ana, chloe, ben } = SEED.contacts;
const BAYVIEW = SEED.leads.bayview.id;
const MAPLE = SEED.leads.maple.id;
/** The poller's fast period is Chrome's 30 s alarm minimum: a reply shows within two periods. */
const WITHIN = { timeout: 65_000, interval: 1000 };

describe('replies', () => {
  let s: E2eSession;

  beforeAll(async () => {
    s = await startSignedInSession({ sendDelayMs: 300, sendInUnitMs: 100 });
    await setDetectionMode(s.ext, 'all');
  });
  afterAll(async () => {
    await s?.stop();
  });

  const notifications = () =>
    s.ext.worker.evaluate(async () => chrome.notifications.getAll() as Promise<Record<string, boolean>>);
  const badge = () => s.ext.worker.evaluate(() => chrome.action.getBadgeText({}));
  /** Every notification the worker creates from now on, by id (getAll only shows the ones still up). */
  async function recordNotifications(): Promise<() => Promise<string[]>> {
    await s.ext.worker.evaluate(() => {
      const g = globalThis as unknown as { __created?: string[]; __wrapped?: boolean };
      g.__created = [];
      if (g.__wrapped) return;
      g.__wrapped = true;
      const create = chrome.notifications.create.bind(chrome.notifications) as (...a: unknown[]) => unknown;
      (chrome.notifications as unknown as { create: unknown }).create = (...args: unknown[]) => {
        g.__created?.push(String(args[0]));
        return create(...args);
      };
    });
    return () => s.ext.worker.evaluate(() => (globalThis as unknown as { __created: string[] }).__created);
  }
  /**
   * A click on a notification: Chromium's test hooks cannot click one, so the worker fires the same event the
   * browser fires on a click (its listener is the extension's real handler). The handler opens the toolbar
   * popup, which Playwright does not list as a page: it is read through `extension.getViews` from one of our pages.
   */
  async function clickNotification(id: string): Promise<void> {
    await s.ext.worker.evaluate((nid) => {
      (chrome.notifications.onClicked as unknown as { dispatch(id: string): void }).dispatch(nid);
    }, id);
  }
  async function inToolbarPopup<T>(read: (doc: Document) => T): Promise<T | null> {
    const page =
      s.ext.context.pages().find((p) => p.url().endsWith('/options.html')) ?? (await s.ext.openPage('options.html'));
    return page.evaluate(`(() => {
      const view = chrome.extension.getViews({ type: 'popup' })[0];
      return view ? (${read.toString()})(view.document) : null;
    })()`) as Promise<T | null>;
  }

  it('a reply to a text the rep sent: one notification within 60 s; opening it shows the reply, then it is read', async () => {
    const created = await recordNotifications();
    const popup = await PopupPage.composeTo(s.ext, ana.phone);
    await popup.write('Hi Ana, does Thursday work?');
    await popup.send();
    await popup.waitUntilSent();
    await popup.close();
    // HTML in a reply is text, never markup.
    s.close.receiveReply({ from: ana.phone, text: '<b>Sounds good</b>, Thursday works' });
    await expect
      .poll(async () => (await created()).filter((id) => /^repl(y|ies):/.test(id)), WITHIN)
      .toEqual([`reply:lead:${BAYVIEW}`]);
    expect(await badge()).toBe('1');

    await clickNotification(`reply:lead:${BAYVIEW}`);
    await expect
      .poll(() => inToolbarPopup((d) => d.querySelector('.conversation li.unread .bubble')?.textContent ?? ''))
      .toBe('<b>Sounds good</b>, Thursday works');
    expect(await inToolbarPopup((d) => d.querySelectorAll('.conversation b').length)).toBe(0);
    // The composer of that conversation, for the contact who replied.
    expect(await inToolbarPopup((d) => d.body.textContent)).toContain('Ana Torres');
    await expect.poll(badge).toBe('');
    expect(Object.keys(await notifications())).not.toContain(`reply:lead:${BAYVIEW}`);
    await inToolbarPopup((d) => d.defaultView?.close());
    // Seen once: opened again, nothing is new.
    const again = await PopupPage.open(s.ext, `lead=${BAYVIEW}&to=${encodeURIComponent(ana.phone)}`);
    await again.page.locator('.conversation').waitFor();
    expect(await again.page.getByText('<b>Sounds good</b>, Thursday works').count()).toBe(1);
    expect(await again.page.locator('.conversation li.unread').count()).toBe(0);
    await again.page.screenshot({ path: `${SHOTS}/reply-thread.png` });
    await again.close();
    // Still exactly one notification for that reply after further polls.
    expect((await created()).filter((id) => /^repl(y|ies):/.test(id))).toHaveLength(1);
  });

  it('ten replies in a burst: one grouped notification, the badge counts them and clears as they are read', async () => {
    const created = await recordNotifications();
    for (let i = 0; i < 6; i++) s.close.receiveReply({ from: ana.phone, text: `Ana ${i}` });
    for (let i = 0; i < 4; i++) s.close.receiveReply({ from: chloe.phone, text: `Chloé ${i}` });
    await expect.poll(badge, WITHIN).toBe('10');
    expect(await created()).toHaveLength(1);
    expect((await created())[0]).toMatch(/^replies:lead:/);

    const anaThread = await PopupPage.open(s.ext, `lead=${BAYVIEW}&to=${encodeURIComponent(ana.phone)}`);
    await expect.poll(() => anaThread.page.locator('.conversation li.unread').count()).toBe(6);
    await expect.poll(badge).toBe('4');
    await anaThread.close();
    const chloeThread = await PopupPage.open(s.ext, `lead=${MAPLE}&to=${encodeURIComponent(chloe.phone)}`);
    await expect.poll(() => chloeThread.page.locator('.conversation li.unread').count()).toBe(4);
    await expect.poll(badge).toBe('');
    await chloeThread.close();
  });

  it('a follow-up scheduled with "cancel if they reply" is back to draft after a reply, and the rep is told', async () => {
    const created = await recordNotifications();
    const popup = await PopupPage.composeTo(s.ext, chloe.phone);
    await popup.write('Chloé, following up on the quote.');
    await popup.page.getByRole('button', { name: 'Schedule…' }).click();
    await popup.page.getByLabel('Cancel if they reply').check();
    await popup.page.getByRole('button', { name: 'Schedule text' }).click();
    await expect.poll(() => s.close.state.smsByText('Chloé, following up on the quote.')[0]?.status).toBe('scheduled');
    await popup.close();

    s.close.receiveReply({ from: chloe.phone, text: 'Got it, thanks!' });
    await expect
      .poll(() => s.close.state.smsByText('Chloé, following up on the quote.')[0]?.status, WITHIN)
      .toBe('draft');
    const id = s.close.state.smsByText('Chloé, following up on the quote.')[0]?.id;
    await expect.poll(created).toContain(`held:${id}`);
    const queue = await QueuePage.open(s.ext);
    await expect
      .poll(() => queue.row('Chloé, following up on the quote.').textContent())
      .toContain('held: Chloé Tremblay replied');
    await queue.page.screenshot({ path: `${SHOTS}/reply-held.png` });
    await queue.close();
  });

  it('who’s who: of 200 numbers on a page, the 3 in Close are named, with at most 8 searches', async () => {
    s.close.requests.length = 0;
    const page = await s.ext.context.newPage();
    await page.goto(`${s.fixtures.url}/many-numbers.html`);
    const tabId = await tabIdOf(s.ext, page.url());
    const popup = await s.ext.openPage(`popup.html?tab=${tabId}`);
    await popup.setViewportSize({ width: 400, height: 720 });
    const button = (e164: string) => popup.getByRole('button', { name: `Text ${e164}` });
    await expect.poll(() => popup.locator('.found li').count()).toBe(200);
    await expect.poll(() => button(ana.phone).textContent()).toContain('Ana Torres · Bayview Dental');
    expect(await button(ben.phone).textContent()).toContain('Ben Carter · Harbor Logistics');
    expect(await button(chloe.phone).textContent()).toContain('Chloé Tremblay · Maple Leaf Outfitters');
    expect(await button('+14157771000').textContent()).toContain('Not in Close');
    expect(await popup.locator('.found .owner:not(.muted)').count()).toBe(MANY_NUMBERS_KNOWN.length);
    await popup.screenshot({ path: `${SHOTS}/picker-whos-who.png` });
    const searches = s.close.requests.filter((r) => r.method === 'POST' && r.path === '/api/v1/data/search/');
    expect(searches.length).toBeGreaterThan(0);
    expect(searches.length).toBeLessThanOrEqual(8);
    await popup.close();
    await page.close();
  });
});
