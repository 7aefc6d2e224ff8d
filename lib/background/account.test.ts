import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { fakeClose, freshBrowser, SENDERS } from '@/tests/unit/support/background';
import { CloseApiError } from '../close/errors';
import { readSettings } from '../storage';
import { accountHandlers, cleanApiKey } from './account';
import { readApiKey } from './api-key';
import { createCloseData } from './close-data';

const options = { ...SENDERS.options, class: 'extension-page' as const };

function setup() {
  const close = fakeClose();
  const checked: string[] = [];
  const h = accountHandlers({
    data: createCloseData(close),
    clientWithKey: (key) => {
      checked.push(key);
      const probe = fakeClose();
      if (key !== 'good_key')
        probe.me.mockRejectedValue(new CloseApiError('unauthorized', 'Close rejected your API key.'));
      return probe;
    },
  });
  return { h, checked };
}

beforeEach(freshBrowser);

describe('account', () => {
  it.each([
    ['  good_key\n', 'good_key'],
    ['good\n_key', 'good_key'],
  ])('cleans %j to %j', (raw, clean) => expect(cleanApiKey(raw)).toBe(clean));

  it('checks a key with Close before keeping it, sealed, never in storage.local', async () => {
    const { h, checked } = setup();
    const status = await h.saveApiKey(' good_key ', options);
    expect(checked).toEqual(['good_key']);
    expect(status).toMatchObject({ hasKey: true, user: { name: 'Dana Rep' } });
    expect(await readApiKey()).toBe('good_key');
    expect(JSON.stringify(await fakeBrowser.storage.local.get(null))).not.toContain('good_key');
  });

  it('refuses a wrong key with Close’s reason and keeps nothing', async () => {
    const { h } = setup();
    await expect(h.saveApiKey('bad_key', options)).rejects.toThrow(/rejected/);
    expect(await readApiKey()).toBeNull();
  });

  it('follows the country of the rep’s Close number until they pick one', async () => {
    const { h } = setup();
    await h.saveApiKey('good_key', options);
    expect((await readSettings()).defaultCountry).toBe('US');
    await h.updateSettings({ defaultCountry: 'GB', countryChosenByRep: true }, options);
    await h.saveApiKey('good_key', options);
    expect((await readSettings()).defaultCountry).toBe('GB');
  });

  it('signs out: the key and the caches are gone', async () => {
    const { h } = setup();
    await h.saveApiKey('good_key', options);
    await h.signOut(undefined, options);
    expect(await readApiKey()).toBeNull();
    expect(await h.getAccountStatus(undefined, options)).toEqual({ hasKey: false, user: null });
  });
});
