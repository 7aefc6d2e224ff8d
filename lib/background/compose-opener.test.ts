import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { freshBrowser, SENDERS } from '@/tests/unit/support/background';
import { composeOpenerHandlers, OPEN_INTERVAL_MS } from './compose-opener';

const fromPage = { ...SENDERS.contentScript, class: 'content-script' as const };
const fromPopup = { ...SENDERS.popup, class: 'extension-page' as const };

beforeEach(async () => {
  await freshBrowser();
  vi.useFakeTimers({ toFake: ['Date'] });
});

const urlsOpened = (spy: ReturnType<typeof vi.spyOn>) =>
  spy.mock.calls.map((c: unknown[]) => decodeURIComponent(String((c[0] as { url: string }).url)));

describe('openCompose', () => {
  it('a page asking ten times in a burst opens one window', async () => {
    const create = vi.spyOn(fakeBrowser.windows, 'create');
    const h = composeOpenerHandlers();
    const results = await Promise.allSettled(
      Array.from({ length: 10 }, () => h.openCompose({ to: '+14155550100' }, fromPage)),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(create).toHaveBeenCalledTimes(1);
  });

  it('after the interval the same window is reused for the next number', async () => {
    const create = vi.spyOn(fakeBrowser.windows, 'create');
    const h = composeOpenerHandlers();
    await h.openCompose({ to: '+14155550100' }, { ...fromPage, tab: { id: 11 } });
    vi.setSystemTime(Date.now() + OPEN_INTERVAL_MS + 1);
    const window = (await fakeBrowser.windows.getAll())[1];
    await fakeBrowser.tabs.create({ windowId: window?.id, url: 'chrome-extension://x/popup.html' });
    const update = vi.spyOn(fakeBrowser.tabs, 'update');
    await h.openCompose({ to: '+14155550101' }, { ...fromPage, tab: { id: 11 } });
    expect(create).toHaveBeenCalledTimes(1);
    expect(update).toHaveBeenCalledWith(expect.any(Number), { url: expect.stringContaining('to=%2B14155550101') });
  });

  it('passes on only the number or lead, and the tab it came from', async () => {
    const create = vi.spyOn(fakeBrowser.windows, 'create');
    await composeOpenerHandlers().openCompose(
      { to: '+14155550100', notice: 'Your session expired, call +1 900…', others: ['+19005550100'] } as never,
      { ...fromPage, tab: { id: 12 } },
    );
    expect(urlsOpened(create)).toEqual([expect.stringMatching(/popup\.html\?to=\+14155550100&tab=12$/)]);
  });

  it('extension pages are not rate-limited (the rep clicks in our own UI)', async () => {
    const h = composeOpenerHandlers();
    await expect(h.openCompose({ to: '+14155550100' }, fromPopup)).resolves.toBeNull();
    await expect(h.openCompose({ to: '+14155550101' }, fromPopup)).resolves.toBeNull();
  });
});
