import type { ElementHandle, Page } from 'puppeteer-core';
import { waitFor } from './firefox';

// puppeteer's ARIA selectors are not served over WebDriver BiDi in Firefox ESR: find controls by their
// accessible name in the page instead (label, aria-label, aria-labelledby, or a button's text).

function findIn(kind: 'control' | 'button', name: string): Element | null {
  const norm = (s: string | null | undefined) => (s ?? '').replace(/\s+/g, ' ').trim();
  const nameOf = (el: Element): string => {
    const aria = el.getAttribute('aria-label');
    if (aria) return norm(aria);
    const by = el.getAttribute('aria-labelledby');
    if (by)
      return norm(
        by
          .split(/\s+/)
          .map((id) => document.getElementById(id)?.textContent ?? '')
          .join(' '),
      );
    if (el.id) {
      const label = document.querySelector(`label[for="${CSS.escape(el.id)}"]`);
      if (label) return norm(label.textContent);
    }
    const wrapping = el.closest('label');
    if (wrapping) return norm(wrapping.textContent);
    return kind === 'button' ? norm(el.textContent) : '';
  };
  const visible = (el: Element) => (el as HTMLElement).offsetParent !== null || el.getClientRects().length > 0;
  const selector = kind === 'button' ? 'button, [role=button], [role=tab]' : 'input, textarea, select, [role=textbox]';
  return [...document.querySelectorAll(selector)].find((el) => visible(el) && nameOf(el) === name) ?? null;
}

async function find(page: Page, kind: 'control' | 'button', name: string): Promise<ElementHandle<Element>> {
  const found = await waitFor(`${kind} "${name}"`, async () => {
    const handle = await page.evaluateHandle(findIn, kind, name);
    const el = handle.asElement() as ElementHandle<Element> | null;
    if (!el) await handle.dispose();
    return el;
  });
  return found as ElementHandle<Element>;
}

/** Clicks the button (or tab) named `name`, as a rep's click (trusted input through BiDi). */
export async function clickButton(page: Page, name: string): Promise<void> {
  const el = await find(page, 'button', name);
  await el.click();
  await el.dispose();
}

/** Replaces the value of the field labelled `label` by typing, as a rep does. */
export async function fillField(page: Page, label: string, value: string): Promise<void> {
  const el = await find(page, 'control', label);
  await el.click({ count: 3 });
  await page.evaluate((e) => (e as HTMLInputElement).select?.(), el);
  await page.keyboard.press('Backspace');
  await el.type(value);
  await el.dispose();
}

/** Whether a button named `name` is shown. */
export async function hasButton(page: Page, name: string): Promise<boolean> {
  return page.evaluate((n) => {
    const norm = (s: string | null) => (s ?? '').replace(/\s+/g, ' ').trim();
    return [...document.querySelectorAll('button')].some(
      (b) => norm(b.getAttribute('aria-label') ?? b.textContent) === n,
    );
  }, name);
}

/** Waits until `locate` (run in the page) returns an element, and returns its handle. */
export async function waitForElement(
  page: Page,
  what: string,
  locate: () => Element | null | undefined,
): Promise<ElementHandle<Element>> {
  const found = await waitFor(what, async () => {
    const handle = await page.evaluateHandle(locate);
    const el = handle.asElement() as ElementHandle<Element> | null;
    if (!el) await handle.dispose();
    return el;
  });
  return found as ElementHandle<Element>;
}
