import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setDetectionMode } from './support/detection';
import { type E2eSession, SHOTS, startSession, tabIdOf } from './support/session';

const HIGHLIGHT = 'close-sms-number';

describe('detection on real pages', () => {
  let s: E2eSession;
  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    s = await startSession();
    await setDetectionMode(s.ext, 'all');
  });
  afterAll(async () => {
    await s?.stop();
  });

  async function open(path: string): Promise<Page> {
    const page = await s.ext.context.newPage();
    await page.goto(`${s.fixtures.url}${path}`);
    return page;
  }
  const highlightCount = (page: Page) => page.evaluate((n) => CSS.highlights.get(n)?.size ?? 0, HIGHLIGHT);
  /** What the background holds for the tab, merged over its frames. */
  async function reported(page: Page): Promise<string[]> {
    const tabId = await tabIdOf(s.ext, page.url());
    return s.ext.worker.evaluate(async (id) => {
      const { tabFindings } = await chrome.storage.session.get('tabFindings');
      const all = (tabFindings ?? {}) as Record<string, { numbers: { e164: string }[] }>;
      const numbers = Object.entries(all)
        .filter(([k]) => k.startsWith(`${id}:`))
        .flatMap(([, f]) => f.numbers.map((n) => n.e164));
      return [...new Set(numbers)].sort();
    }, tabId);
  }
  const unchanged = (page: Page) =>
    page.evaluate(() => {
      const before = (window as unknown as { __before: { html: string; text: string } }).__before;
      // innerText on purpose: it is the text as rendered, which is what a rep (and a highlight) sees.
      // biome-ignore lint/performance/useDomNodeTextContent: rendered text is the point of the check
      return before.html === document.body.innerHTML && before.text === document.body.innerText;
    });

  it('highlights exactly the phone numbers of the mixed page and leaves its DOM byte-identical', async () => {
    const page = await open('/mixed.html');
    await expect.poll(() => highlightCount(page)).toBe(11);
    const found = await page.evaluate((n) => {
      const ranges = [...(CSS.highlights.get(n) ?? [])] as Range[];
      return ranges.map((r) => {
        const holder = (r.startContainer.parentElement as Element).closest('[data-expect]');
        return { text: r.toString(), expect: holder?.getAttribute('data-expect') ?? 'outside' };
      });
    }, HIGHLIGHT);
    expect(found.filter((f) => f.expect === 'none' || f.expect === 'outside')).toEqual([]);
    const expected = await page.evaluate(() =>
      [...document.querySelectorAll('[data-expect]')]
        .map((e) => e.getAttribute('data-expect'))
        .filter((v) => v !== 'none'),
    );
    await expect.poll(() => reported(page)).toEqual([...(expected as string[])].sort());
    expect(await unchanged(page)).toBe(true);
    await page.screenshot({ path: `${SHOTS}/page-highlighted.png`, fullPage: true });
    await page.close();
  });

  it('shows the Text button on hover and hands the number to compose', async () => {
    const page = await open('/mixed.html');
    await expect.poll(() => highlightCount(page)).toBe(11);
    const box = await page.evaluate((n) => {
      const range = ([...(CSS.highlights.get(n) ?? [])] as Range[]).find((r) => r.toString() === '(415) 666-7777');
      const rect = range?.getBoundingClientRect();
      return rect ? { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 } : null;
    }, HIGHLIGHT);
    expect(box).not.toBeNull();
    await page.mouse.move(box?.x ?? 0, box?.y ?? 0);
    const button = page.getByRole('button', { name: 'Text +14156667777 with Close' });
    await button.waitFor();
    // Checked before the screenshot: Playwright leaves style="" on fields when it hides their caret.
    expect(await unchanged(page)).toBe(true);
    await page.screenshot({ path: `${SHOTS}/hover-button.png` });
    await button.click();
    // The toolbar popup (or the compose window where it can't open) received the request.
    await expect
      .poll(async () => {
        const windows = s.ext.context.pages().some((p) => p.url().includes('popup.html?to=%2B14156667777'));
        const popups = await s.ext.worker.evaluate(
          async () =>
            (await chrome.runtime.getContexts({ contextTypes: ['POPUP' as chrome.runtime.ContextType] })).length,
        );
        return windows || popups > 0;
      })
      .toBe(true);
    await page.close();
  });

  it('survives a React app re-rendering its numbers, with no errors', async () => {
    const page = await open('/react.html');
    await expect.poll(() => highlightCount(page)).toBeGreaterThan(0);
    await new Promise((r) => setTimeout(r, 2500));
    expect(await page.evaluate(() => (window as unknown as { __errors: string[] }).__errors)).toEqual([]);
    expect(await page.locator('li').count()).toBeGreaterThan(1);
    await page.close();
  });

  it('follows rows appended every 100 ms', async () => {
    const page = await open('/appending.html');
    await expect.poll(() => reported(page), { timeout: 10_000 }).toHaveLength(20);
    expect(await highlightCount(page)).toBe(20);
    await page.close();
  });

  it('reads same-origin iframes and open shadow roots', async () => {
    const page = await open('/frames.html');
    await expect.poll(() => reported(page)).toEqual(['+14156667101', '+14156667102', '+14156667103']);
    await page.close();
  });

  it('leaves form fields untouched: the form submits exactly what the page put in it', async () => {
    const page = await open('/form.html');
    await expect.poll(() => highlightCount(page)).toBe(1);
    const posted = s.fixtures.posts.length;
    await page.evaluate(() => document.querySelector('form')?.requestSubmit());
    await expect.poll(() => s.fixtures.posts.length).toBe(posted + 1);
    expect(s.fixtures.posts.at(-1)).toBe(
      'phone=%28415%29+666-7201&notes=Call+%28415%29+666-7202+after+5&pick=%28415%29+666-7203',
    );
    await page.close();
  });

  it('finds all 10,000 numbers of a big table', async () => {
    const page = await open('/table-10k.html');
    await expect.poll(() => highlightCount(page), { timeout: 30_000 }).toBe(10_000);
    expect(await unchanged(page)).toBe(true);
    await page.close();
  });

  it.each([
    ['a 5 MB text node', '/huge-text.html', 1],
    ['100,000 nodes', '/many-nodes.html', 100],
    ['a 5,000-level-deep DOM', '/deep.html', 1],
    ['a page that overrides Array and Node methods', '/hostile.html', 1],
  ])('copes with %s: the tab stays responsive and nothing throws', async (_name, path, minimum) => {
    const errorsBefore = s.ext.errors.length;
    const page = await open(path);
    await expect.poll(() => highlightCount(page), { timeout: 30_000 }).toBeGreaterThanOrEqual(minimum);
    // A round trip into the page answers promptly: the main thread is not held.
    expect(await page.evaluate(() => 1 + 1)).toBe(2);
    expect(s.ext.errors.slice(errorsBefore).filter((e) => !e.includes('hijacked'))).toEqual([]);
    await page.close();
  });
});
