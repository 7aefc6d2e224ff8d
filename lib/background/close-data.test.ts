import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { fakeClose, freshBrowser } from '@/tests/unit/support/background';
import { clearCaches } from '../storage';
import { createCloseData, toAccountUser } from './close-data';

beforeEach(async () => {
  await freshBrowser();
  vi.useFakeTimers({ toFake: ['Date'] });
});

describe('close data', () => {
  it('serves the user and numbers from a 10-minute cache in storage.session, then refreshes', async () => {
    const close = fakeClose();
    const data = createCloseData(close);
    await data.getSmsNumbers();
    await data.getSmsNumbers();
    expect(close.me).toHaveBeenCalledTimes(1);
    expect(close.phoneNumbers).toHaveBeenCalledTimes(1);
    expect(Object.keys(await fakeBrowser.storage.session.get(null))).toEqual(
      expect.arrayContaining(['cache.me', 'cache.smsNumbers']),
    );
    expect(await fakeBrowser.storage.local.get(null)).toEqual({});
    vi.setSystemTime(Date.now() + 11 * 60_000);
    await data.getSmsNumbers();
    expect(close.me).toHaveBeenCalledTimes(2);
  });

  it('asks Close again once the caches are cleared (sign-out, a revoked key)', async () => {
    const close = fakeClose();
    const data = createCloseData(close);
    await data.getTemplates();
    await clearCaches();
    await data.getTemplates();
    expect(close.smsTemplates).toHaveBeenCalledTimes(2);
  });

  it.each([
    [
      { first_name: 'Dana', last_name: 'Rep', email: 'd@x', organizations: [{ name: 'Bayview' }] },
      'Dana Rep',
      'Bayview',
    ],
    [{ first_name: '', last_name: null, email: 'd@x', organizations: [] }, 'd@x', ''],
  ])('names the rep %j as %s', (me, name, organization) => {
    expect(toAccountUser({ id: 'user_1', ...me } as never)).toMatchObject({ name, organization });
  });
});
