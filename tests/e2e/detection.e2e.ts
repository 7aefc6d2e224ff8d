import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setDetectionMode } from './support/detection';
import { rangeBox, tintShare } from './support/highlight-paint';
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

  /** Where the highlighted number `raw` is on screen (the first range whose text it is). */
  const numberBox = (page: Page, raw: string) =>
    page.evaluate(
      ([n, text]) => {
        const range = ([...(CSS.highlights.get(n as string) ?? [])] as Range[]).find((r) => r.toString() === text);
        const rect = range?.getBoundingClientRect();
        return rect ? { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2, right: rect.right } : null;
      },
      [HIGHLIGHT, raw],
    );
  /**
   * The button lives in a closed shadow root, which neither Playwright nor the page can look into: it is
   * seen from outside as its host answering a hit test just right of the number.
   */
  const buttonAt = (page: Page, x: number, y: number) =>
    page.evaluate(([px, py]) => document.elementFromPoint(px as number, py as number)?.localName ?? null, [x, y]);
  /** Compose requests seen so far: popup windows and toolbar popups opened for `e164`. */
  const composeOpened = async (e164: string) => {
    const windows = s.ext.context.pages().filter((p) => p.url().includes(`popup.html?to=${encodeURIComponent(e164)}`));
    const popups = await s.ext.worker.evaluate(
      async () => (await chrome.runtime.getContexts({ contextTypes: ['POPUP' as chrome.runtime.ContextType] })).length,
    );
    return windows.length + popups;
  };
  async function closeComposeWindows(): Promise<void> {
    for (const p of s.ext.context.pages()) if (p.url().includes('popup.html')) await p.close();
  }

  /** Hovers a highlighted number like a rep does, clicks the button, and expects compose to open once. */
  async function hoverAndText(page: Page, raw: string, e164: string): Promise<void> {
    const box = await numberBox(page, raw);
    expect(box).not.toBeNull();
    const { x, y, right } = box as { x: number; y: number; right: number };
    await page.mouse.move(x, y);
    // The button sits just right of the number (hover-button.ts): its host answers the hit test there.
    await expect.poll(() => buttonAt(page, right + 14, y)).toBe('close-sms-button');
    expect(await unchanged(page)).toBe(true);
    await page.mouse.click(right + 14, y);
    await expect.poll(() => composeOpened(e164)).toBe(1);
    // Once: a single click opens a single compose.
    await new Promise((r) => setTimeout(r, 500));
    expect(await composeOpened(e164)).toBe(1);
    await closeComposeWindows();
  }

  it('shows the Text button on hover and hands the number to compose', async () => {
    const page = await open('/mixed.html');
    await expect.poll(() => highlightCount(page)).toBe(11);
    await hoverAndText(page, '(415) 666-7777', '+14156667777');
    // After the DOM comparison: Playwright leaves style="" on fields when it hides their caret.
    await page.mouse.move(0, 0);
    const box = (await numberBox(page, '(415) 666-7777')) as { x: number; y: number };
    await page.mouse.move(box.x, box.y);
    await page.screenshot({ path: `${SHOTS}/hover-button.png` });
    await page.close();
  });

  it('ignores forged events: page script can neither show the button nor open compose', async () => {
    const page = await open('/mixed.html');
    await expect.poll(() => highlightCount(page)).toBe(11);
    const box = (await numberBox(page, '415.666.7778')) as { x: number; y: number; right: number };
    // The page's main world pretends the pointer is on the number, then clicks where the button would be.
    await page.evaluate(
      ([x, y, right]) => {
        const at = { clientX: x, clientY: y, bubbles: true, composed: true } as MouseEventInit;
        document.elementFromPoint(x as number, y as number)?.dispatchEvent(new MouseEvent('mousemove', at));
        document.dispatchEvent(new MouseEvent('mousemove', at));
        const host = document.querySelector('close-sms-button');
        // A closed root: the page cannot reach the button itself.
        (window as unknown as { __shadow: unknown }).__shadow = host?.shadowRoot ?? null;
        const click = { clientX: (right as number) + 14, clientY: y, bubbles: true, composed: true } as MouseEventInit;
        host?.dispatchEvent(new MouseEvent('click', click));
        (host as HTMLElement | null)?.click();
        document.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
      },
      [box.x, box.y, box.right],
    );
    await new Promise((r) => setTimeout(r, 500));
    expect(await buttonAt(page, box.right + 14, box.y)).not.toBe('close-sms-button');
    expect(await page.evaluate(() => (window as unknown as { __shadow: unknown }).__shadow)).toBeNull();
    expect(await composeOpened('+14156667778')).toBe(0);
    // The same number still works for the rep's real pointer.
    await hoverAndText(page, '415.666.7778', '+14156667778');
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

  it('paints what it highlights, in the page and in an open shadow root', async () => {
    const page = await open('/frames.html');
    await expect.poll(() => highlightCount(page)).toBe(2);
    // The tint is read from screenshots decoded in a blank page: the page under test runs nothing of ours.
    const decoder = await s.ext.context.newPage();
    for (const text of ['(415) 666-7101', '(415) 666-7102']) {
      const box = await page.evaluate(rangeBox, [HIGHLIGHT, text] as [string, string]);
      expect(box, text).not.toBeNull();
      const png = (await page.screenshot({ clip: box ?? undefined })).toString('base64');
      expect(await decoder.evaluate(tintShare, png), text).toBeGreaterThan(0.2);
    }
    // A box of the same page without a highlight shows no tint: the check can fail.
    const plain = await page.evaluate(() => {
      const r = new Range();
      r.selectNodeContents(document.querySelector('p')?.firstChild as Text);
      r.setEnd(r.startContainer, 4);
      const b = r.getBoundingClientRect();
      return { x: b.left, y: b.top, width: b.width, height: b.height };
    });
    expect(await decoder.evaluate(tintShare, (await page.screenshot({ clip: plain })).toString('base64'))).toBe(0);
    await decoder.close();
    await page.close();
  });

  it('reads numbers that are only in frames: at load, added later, rendered later, sandboxed, in a shadow root, in a link; not ungranted ones', async () => {
    // The prefilter runs in the top frame only; frames are probed from there (lib/page-scan/frame-probe.ts).
    const page = await open('/frames-only.html');
    await expect
      .poll(() => reported(page), { timeout: 15_000 })
      .toEqual(['+14156667104', '+14156667105', '+14156667106', '+14156667107', '+14156667109', '+14156667110']);
    // The frame on a site without access (+14156667108) stays unread, however long we wait.
    await new Promise((r) => setTimeout(r, 1500));
    expect(await reported(page)).toEqual([
      '+14156667104',
      '+14156667105',
      '+14156667106',
      '+14156667107',
      '+14156667109',
      '+14156667110',
    ]);
    // The numbers were read in the frames, none in the top document (whose own DOM the page changes).
    expect(await highlightCount(page)).toBe(0);
    await page.close();
  });

  it('leaves form fields untouched: the form submits exactly what the page put in it', async () => {
    const page = await open('/form.html');
    await expect.poll(() => highlightCount(page)).toBe(1);
    const posted = s.fixtures.posts.length;
    // The page is closed only once the response has loaded: Chromium can leave page.close() hanging for good
    // when it lands while a POST navigation is still in flight (seen in CI, with detection off too).
    await Promise.all([
      page.waitForURL('**/submit'),
      page.evaluate(() => document.querySelector('form')?.requestSubmit()),
    ]);
    expect(s.fixtures.posts.length).toBe(posted + 1);
    expect(s.fixtures.posts.at(-1)).toBe(
      'phone=%28415%29+666-7201&notes=Call+%28415%29+666-7202+after+5&pick=%28415%29+666-7203',
    );
    await page.close();
  });

  it('finds all 10,000 numbers of a big table, painting them as the rep scrolls', async () => {
    const page = await open('/table-10k.html');
    // Findings cover the whole table at once (the popup lists the most frequent 500) …
    await expect.poll(() => reported(page), { timeout: 30_000 }).toHaveLength(500);
    // … while only the rows in or near the viewport are painted.
    await expect.poll(() => highlightCount(page)).toBeGreaterThan(20);
    expect(await highlightCount(page)).toBeLessThan(500);
    // Scroll to the end two screens at a time. After each scroll, every number on screen gets painted (within
    // moments: passes run at most every 100 ms), and all of them together are every number of the table.
    const seen = new Set<string>();
    /** The numbers on screen that are not painted yet, after adding what is painted to `seen`. */
    const unpaintedOnScreen = () =>
      page
        .evaluate((n) => {
          const painted = ([...(CSS.highlights.get(n) ?? [])] as Range[]).map((r) => r.toString());
          const set = new Set(painted);
          const onScreen = [...document.querySelectorAll('td:nth-child(2)')].filter((td) => {
            const r = td.getBoundingClientRect();
            return r.bottom > 0 && r.top < innerHeight;
          });
          return { painted, missing: onScreen.map((td) => td.textContent ?? '').filter((t) => !set.has(t)) };
        }, HIGHLIGHT)
        .then(({ painted, missing }) => {
          for (const t of painted) seen.add(t);
          return missing;
        });
    await expect.poll(unpaintedOnScreen).toEqual([]);
    for (let step = 0; step < 400; step++) {
      const atEnd = await page.evaluate(() => {
        window.scrollBy(0, window.innerHeight * 2);
        return window.scrollY + window.innerHeight >= document.documentElement.scrollHeight - 1;
      });
      await expect.poll(unpaintedOnScreen, { timeout: 5_000 }).toEqual([]);
      if (atEnd) break;
    }
    expect(seen.size).toBe(10_000);
    expect(await highlightCount(page)).toBeLessThan(500);
    expect(await unchanged(page)).toBe(true);
    await page.close();
  });

  it('the Text button works on a number that was off-screen at load', async () => {
    const page = await open('/table-10k.html');
    await expect.poll(() => reported(page), { timeout: 30_000 }).toHaveLength(500);
    // Row 8,000: (415) 666-8000, far below the first screen.
    await page.evaluate(() => document.querySelectorAll('tr')[8000]?.scrollIntoView({ block: 'center' }));
    await expect.poll(() => numberBox(page, '(415) 666-8000')).not.toBeNull();
    await hoverAndText(page, '(415) 666-8000', '+14156668000');
    await page.close();
  });

  it.each([
    ['a 5 MB text node', '/huge-text.html', 1],
    ['100,000 nodes', '/many-nodes.html', 1],
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
