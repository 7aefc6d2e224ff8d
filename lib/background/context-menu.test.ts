import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { freshBrowser } from '@/tests/unit/support/background';
import { pendingComposeItem, updateSettings } from '../storage';
import { handleMenuClick, MENU } from './context-menu';

beforeEach(async () => {
  await freshBrowser();
  // The fake has no openPopup: as in a browser that refuses, compose opens in a window.
  vi.spyOn(fakeBrowser.windows, 'create');
});

const opened = () =>
  vi.mocked(fakeBrowser.windows.create).mock.calls.map((c) => decodeURIComponent(String(c[0]?.url ?? '')));

describe('right-click "Text this number"', () => {
  it.each([
    [
      { menuItemId: MENU.selection, selectionText: 'Call Ana on (650) 666-0123 or 650-666-0124' },
      /to=\+16506660123&others=\+16506660124&tab=5/,
    ],
    [{ menuItemId: MENU.link, linkUrl: 'tel:+44 20 7946 0100' }, /to=\+442079460100&tab=5/],
    [
      { menuItemId: MENU.lead, selectionText: 'lead_ZWSwsOAXDLKmgbWdZGGqAzEi2KXb0ESHAbPWDqBSJrq' },
      /lead=lead_ZWSws\w+&tab=5/,
    ],
    [{ menuItemId: MENU.selection, selectionText: 'no number here' }, /notice=No\+phone\+number/],
  ])('%j opens compose with %s', async (info, expected) => {
    await updateSettings({ defaultCountry: 'US' });
    await handleMenuClick(info, { id: 5, windowId: 1 });
    expect(opened()).toEqual([expect.stringMatching(expected)]);
    expect(await pendingComposeItem.getValue()).toBeNull();
  });
});
