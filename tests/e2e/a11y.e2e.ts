// axe-core audit of every view a rep sees, in light and dark, plus focus, live regions and 200 % zoom.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEED } from '../stand-in/server';
import { describeViolations, seriousViolations } from './support/axe';
import { setDetectionMode } from './support/detection';
import { type E2eSession, startSignedInSession, tabIdOf } from './support/session';

const ANA = SEED.contacts.ana;
const SCHEMES = ['light', 'dark'] as const;

describe('accessibility (axe-core, WCAG 2 A/AA)', () => {
  let s: E2eSession;
  let prospectTab: number;

  beforeAll(async () => {
    s = await startSignedInSession({ sendDelayMs: 300, sendInUnitMs: 100 });
    await setDetectionMode(s.ext, 'all');
    const prospect = await s.ext.context.newPage();
    await prospect.goto(`${s.fixtures.url}/prospect.html`);
    await prospect.waitForFunction(() => (CSS.highlights.get('close-sms-number')?.size ?? 0) === 3);
    prospectTab = await tabIdOf(s.ext, `${s.fixtures.url}/prospect.html`);
  });
  afterAll(async () => {
    await s?.stop();
  });

  async function popup(query: string, scheme: (typeof SCHEMES)[number]): Promise<Page> {
    const page = await s.ext.openPage(`popup.html?${query}`);
    await page.emulateMedia({ colorScheme: scheme });
    await page.setViewportSize({ width: 400, height: 720 });
    return page;
  }
  async function composeWithLead(scheme: (typeof SCHEMES)[number]): Promise<Page> {
    const page = await popup(`to=${encodeURIComponent(ANA.phone)}`, scheme);
    await page.getByLabel('Lead', { exact: true }).getByText('Bayview Dental').waitFor();
    await page.getByLabel('Message').fill('Hi Ana, checking in about your appointment.');
    return page;
  }

  const VIEWS: Record<string, (scheme: (typeof SCHEMES)[number]) => Promise<Page>> = {
    'compose with a resolved lead': composeWithLead,
    'compose with an error': async (scheme) => {
      s.close.faults.failNext({ count: 20, status: 500, body: { error: 'Internal error' } });
      const page = await popup(`to=${encodeURIComponent(ANA.phone)}`, scheme);
      await page.getByRole('alert').first().waitFor();
      s.close.faults.clear();
      return page;
    },
    'compose while scheduling': async (scheme) => {
      const page = await composeWithLead(scheme);
      await page.getByRole('button', { name: 'Schedule…' }).click();
      await page.getByRole('button', { name: 'Schedule text' }).waitFor();
      return page;
    },
    'compose after a send': async (scheme) => {
      const page = await composeWithLead(scheme);
      await page.getByLabel('Message').fill(`a11y send check ${scheme}`);
      await page.getByRole('button', { name: 'Send' }).click();
      await page.getByText('Sent ✓').waitFor({ timeout: 30_000 });
      return page;
    },
    'Drafts & scheduled list': async (scheme) => {
      const page = await popup('view=queue', scheme);
      await page.getByText(SEED.sms.draft.text, { exact: true }).waitFor();
      await page.getByText('Refreshing from Close…').waitFor({ state: 'detached' });
      return page;
    },
    'Drafts & scheduled with an open editor': async (scheme) => {
      const page = await popup('view=queue', scheme);
      const row = page.locator('li', { has: page.getByText(SEED.sms.scheduled.text, { exact: true }) });
      await row.getByRole('button').first().click();
      await page.getByLabel('Text', { exact: true }).waitFor();
      return page;
    },
    'the page picker': async (scheme) => {
      const page = await popup(`tab=${prospectTab}`, scheme);
      await page.getByRole('button', { name: `Text ${ANA.phone}` }).waitFor();
      return page;
    },
    'the options page': async (scheme) => {
      const page = await s.ext.openPage('options.html');
      await page.emulateMedia({ colorScheme: scheme });
      await page.getByText('Connected as').waitFor();
      return page;
    },
  };

  const cases = Object.keys(VIEWS).flatMap((view) => SCHEMES.map((scheme) => [view, scheme] as const));
  it.each(cases)('%s (%s): no serious or critical violations', async (view, scheme) => {
    const page = await (VIEWS[view] as (typeof VIEWS)[string])(scheme);
    const violations = await seriousViolations(page);
    await page.close();
    expect(violations, describeViolations(violations)).toEqual([]);
  });
});

describe('keyboard, live regions and zoom', () => {
  let s: E2eSession;

  beforeAll(async () => {
    s = await startSignedInSession({ sendDelayMs: 300, sendInUnitMs: 100 });
  });
  afterAll(async () => {
    await s?.stop();
  });

  async function compose(width = 400): Promise<Page> {
    const page = await s.ext.openPage(`popup.html?to=${encodeURIComponent(ANA.phone)}`);
    await page.setViewportSize({ width, height: 720 });
    await page.getByLabel('Lead', { exact: true }).getByText('Bayview Dental').waitFor();
    return page;
  }

  it('shows a visible focus indicator on every control reached with Tab, in order', async () => {
    const page = await compose();
    const seen: { name: string; outline: string }[] = [];
    for (let i = 0; i < 40; i++) {
      await page.keyboard.press('Tab');
      const focused = await page.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        if (!el || el === document.body) return null;
        const style = getComputedStyle(el);
        return {
          name: `${el.tagName.toLowerCase()} ${el.getAttribute('aria-label') ?? el.id ?? ''} ${el.textContent?.trim().slice(0, 20) ?? ''}`,
          outline:
            style.outlineStyle !== 'none' && Number.parseFloat(style.outlineWidth) >= 2
              ? 'ok'
              : `none (${style.outlineStyle} ${style.outlineWidth})`,
        };
      });
      if (!focused) break;
      if (seen.some((f) => f.name === focused.name)) break;
      seen.push(focused);
    }
    expect(seen.length).toBeGreaterThan(5);
    expect(seen.filter((f) => f.outline !== 'ok')).toEqual([]);
    await page.close();
  });

  it('announces send outcomes and errors through live regions', async () => {
    const page = await compose();
    await page.getByLabel('Message').fill('a11y live region check');
    await page.getByRole('button', { name: 'Send' }).click();
    await page.getByText('Sent ✓').waitFor({ timeout: 30_000 });
    expect(await page.getByRole('status').filter({ hasText: 'Sent ✓' }).count()).toBe(1);
    await page.close();

    s.close.faults.failNext({ count: 20, status: 500, body: { error: 'Internal error' } });
    const failing = await s.ext.openPage(`popup.html?to=${encodeURIComponent(ANA.phone)}`);
    await failing.getByRole('alert').first().waitFor();
    expect((await failing.getByRole('alert').first().textContent())?.length).toBeGreaterThan(10);
    s.close.faults.clear();
    await failing.close();
  });

  it.each([
    ['compose', `to=${encodeURIComponent(SEED.contacts.ana.phone)}`],
    ['Drafts & scheduled', 'view=queue'],
    ['the page picker', ''],
  ])('%s survives a 200% zoom of the 400 px popup: no horizontal scrolling', async (_name, query) => {
    // 400 px at 200 % zoom leaves 200 CSS px of width.
    const page = await s.ext.openPage(`popup.html?${query}`);
    await page.setViewportSize({ width: 200, height: 720 });
    await page.getByRole('button', { name: 'Compose' }).waitFor();
    await new Promise((r) => setTimeout(r, 500));
    const overflow = await page.evaluate(() => ({
      scroll: document.documentElement.scrollWidth,
      client: document.documentElement.clientWidth,
      wide: [...document.querySelectorAll('body *')]
        .filter((e) => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
        .map((e) => `${e.tagName.toLowerCase()}.${e.className}`)
        .slice(0, 10),
    }));
    expect(overflow.wide).toEqual([]);
    expect(overflow.scroll).toBeLessThanOrEqual(overflow.client);
    await page.close();
  });
});
