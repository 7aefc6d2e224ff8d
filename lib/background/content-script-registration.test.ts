import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { freshBrowser } from '@/tests/unit/support/background';
import { updateSettings } from '../storage';
import { syncContentScripts } from './content-script-registration';

/** The fake browser has no `scripting`: a small in-memory one. */
function fakeScripting() {
  let registered: { id: string; matches?: string[]; excludeMatches?: string[] }[] = [];
  const scripting = {
    getRegisteredContentScripts: vi.fn(async () => registered),
    unregisterContentScripts: vi.fn(async () => {
      registered = [];
    }),
    registerContentScripts: vi.fn(async (scripts: typeof registered) => {
      registered = scripts;
    }),
  };
  Object.assign(fakeBrowser, { scripting });
  return { scripting, registered: () => registered };
}

beforeEach(async () => {
  await freshBrowser();
  vi.spyOn(fakeBrowser.permissions, 'getAll').mockResolvedValue({ origins: ['<all_urls>'], permissions: [] });
});

describe('detector registration', () => {
  it.each([
    ['off', [], null],
    ['click', [], null],
    ['all', [], { matches: ['<all_urls>'], excludeMatches: ['*://*.bank.example/*'] }],
    ['sites', ['crm.example.com'], { matches: ['*://crm.example.com/*'], excludeMatches: ['*://*.bank.example/*'] }],
  ] as const)('mode %s registers %j, never on the never-read list', async (mode, sites, expected) => {
    const f = fakeScripting();
    await updateSettings({ detectionMode: mode, sites: [...sites], excludedSites: ['*.bank.example'] });
    await syncContentScripts();
    const [script] = f.registered();
    expect(script ? { matches: script.matches, excludeMatches: script.excludeMatches } : null).toEqual(expected);
  });
});
