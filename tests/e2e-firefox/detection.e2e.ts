// Reading pages in Firefox: the "all sites" permission granted from the options page, highlights on a
// 127.0.0.1 page, the hover button, and the never-read list.
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rangeBox, tintShare } from '../e2e/support/highlight-paint';
import { fillField } from './support/dom';
import { waitFor } from './support/firefox';
import { closePage } from './support/health';
import { type FirefoxSession, highlightCount, signIn, startFirefoxSession } from './support/session';

describe('detection in Firefox', () => {
  let s: FirefoxSession;
  let options: Page;

  beforeAll(async () => {
    s = await startFirefoxSession();
    options = await signIn(s.ext);
  });
  afterAll(async () => {
    await s?.stop();
  });

  const registered = () =>
    options.evaluate(async () =>
      (await browser.scripting.getRegisteredContentScripts()).map((c) => ({
        matches: c.matches,
        excludeMatches: c.excludeMatches ?? [],
      })),
    );

  it('asks for access to all sites when the rep picks “On all sites” (granted without a prompt here)', async () => {
    expect((await options.evaluate(() => browser.permissions.getAll())).origins).not.toContain('<all_urls>');
    const radio = await options.$('input[name=mode][value=all]');
    await radio?.click();
    // permissions.request needs a user gesture in Firefox: the BiDi click is one, and the prompt is turned off
    // by the test profile (extensions.webextOptionalPermissionPrompts = false).
    await waitFor('<all_urls> to be granted', async () =>
      (await options.evaluate(() => browser.permissions.getAll())).origins?.includes('<all_urls>'),
    );
    await waitFor('the detector to be registered for all sites', async () =>
      (await registered()).some((c) => c.matches?.includes('<all_urls>')),
    );
  });

  it('highlights the numbers of a page on 127.0.0.1 without changing it', async () => {
    const page = await s.ext.openWebPage(`${s.fixtures.url}/contact-page.html`);
    const before = await (await fetch(`${s.fixtures.url}/contact-page.html`)).text();
    await waitFor('2 highlights', async () => (await highlightCount(page)) === 2);
    // The page's own DOM has no element of ours other than the (hidden) hover button host.
    expect(await page.evaluate(() => document.querySelectorAll('mark, [data-close-sms]').length)).toBe(0);
    expect(before).toContain('(415) 666-7777');
    // Painted, not only registered: Firefox has its own stylesheet (entrypoints/highlight-firefox.css), since
    // the rule on :root that Chromium paints from paints nothing here. The screenshot is decoded in a blank tab.
    const box = await page.evaluate(rangeBox, ['close-sms-number', '(415) 666-7777'] as [string, string]);
    expect(box).not.toBeNull();
    const png = (await page.screenshot({ clip: box ?? undefined, encoding: 'base64' })) as string;
    const decoder = await s.ext.browser.newPage();
    expect(await decoder.evaluate(tintShare, png)).toBeGreaterThan(0.2);
    await decoder.close();
    await closePage(page);
  });

  it('paints highlights inside an open shadow root too (a user sheet: an author one stops at the boundary)', async () => {
    const page = await s.ext.openWebPage(`${s.fixtures.url}/frames.html`);
    await waitFor('2 highlights', async () => (await highlightCount(page)) === 2);
    const decoder = await s.ext.browser.newPage();
    for (const text of ['(415) 666-7101', '(415) 666-7102']) {
      const box = await page.evaluate(rangeBox, ['close-sms-number', text] as [string, string]);
      expect(box, text).not.toBeNull();
      const png = (await page.screenshot({ clip: box ?? undefined, encoding: 'base64' })) as string;
      expect(await decoder.evaluate(tintShare, png), text).toBeGreaterThan(0.2);
    }
    await decoder.close();
    await closePage(page);
  });

  it('shows the Text button on hover and opens compose for the number', async () => {
    const page = await s.ext.openWebPage(`${s.fixtures.url}/contact-page.html`);
    await waitFor('2 highlights', async () => (await highlightCount(page)) === 2);
    const box = await page.evaluate(() => {
      const range = ([...(CSS.highlights.get('close-sms-number') ?? [])] as Range[]).find(
        (r) => r.toString() === '(415) 666-7777',
      );
      const rect = range?.getBoundingClientRect();
      return rect ? { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2, right: rect.right } : null;
    });
    expect(box).not.toBeNull();
    // The button lives in a closed shadow root (the page's scripts can't reach it, nor can a test): it sits just
    // right of the number, so a real click there is what a rep does.
    expect(await page.evaluate(() => document.querySelector('close-sms-button')?.shadowRoot ?? null)).toBeNull();
    await page.mouse.move(box?.x ?? 0, box?.y ?? 0);
    await waitFor('the hover button host', () => page.evaluate(() => !!document.querySelector('close-sms-button')));
    await new Promise((r) => setTimeout(r, 300));
    await page.mouse.click((box?.right ?? 0) + 14, box?.y ?? 0);
    // Firefox 153 opens the toolbar popup from the background's message handler (action.openPopup() needs no
    // user gesture there), and the popup takes the number the background left in session storage.
    const opened = await waitFor('the toolbar popup to open', async () => {
      const contexts = await options.evaluate(async () =>
        (await browser.runtime.getContexts({})).map((c) => ({ type: c.contextType, url: c.documentUrl ?? '' })),
      );
      return contexts.find((c) => c.url.includes('popup.html'));
    });
    expect(opened).toMatchObject({ type: 'POPUP' });
    await waitFor('the popup to take the target', async () =>
      options.evaluate(async () => (await browser.storage.session.get('pendingCompose')).pendingCompose == null),
    );
    await closePage(page);
  });

  it('reads numbers that are only in frames, same-origin and cross-origin, probed from the page’s world', async () => {
    // Firefox has <all_urls> here, so the localhost frame (cross-origin to the 127.0.0.1 page) is read too:
    // the top frame's probe can't read it, and the probe in the frame itself answers.
    const page = await s.ext.openWebPage(`${s.fixtures.url}/frames-only.html`);
    const found = () =>
      options.evaluate(async () => {
        const { tabFindings } = await browser.storage.session.get('tabFindings');
        const all = (tabFindings ?? {}) as Record<string, { numbers: { e164: string }[] }>;
        return [...new Set(Object.values(all).flatMap((f) => f.numbers.map((n) => n.e164)))].sort();
      });
    const expected = [
      '+14156667104',
      '+14156667105',
      '+14156667106',
      '+14156667107',
      '+14156667108',
      '+14156667109',
      '+14156667110',
    ];
    await waitFor('the numbers of every frame', async () => {
      const f = await found();
      return expected.every((n) => f.includes(n));
    });
    expect((await found()).filter((n) => n.startsWith('+141566671'))).toEqual(expected);
    await closePage(page);
  });

  it('never reads a site on the never-read list', async () => {
    // localhost is the same server as 127.0.0.1 under another host name.
    const localhostUrl = `${s.fixtures.url.replace('127.0.0.1', 'localhost')}/contact-page.html`;
    const read = await s.ext.openWebPage(localhostUrl);
    await waitFor('localhost to be read before it is excluded', async () => (await highlightCount(read)) === 2);
    await closePage(read);

    await fillField(options, 'Never read these sites', 'localhost');
    await options.keyboard.press('Enter');
    await waitFor('the exclusion to reach the registration', async () =>
      (await registered()).some((c) => c.excludeMatches.includes('*://localhost/*')),
    );

    const excluded = await s.ext.openWebPage(localhostUrl);
    const other = await s.ext.openWebPage(`${s.fixtures.url}/contact-page.html`);
    await waitFor('127.0.0.1 is still read', async () => (await highlightCount(other)) === 2);
    await new Promise((r) => setTimeout(r, 1000));
    expect(await highlightCount(excluded)).toBe(0);
    expect(await excluded.evaluate(() => document.querySelector('close-sms-button'))).toBeNull();
    await closePage(excluded);
    await closePage(other);
    expect(s.ext.errors()).toEqual([]);
  });
});
