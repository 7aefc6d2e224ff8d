import { createCloseClient } from '../close/client';
import { CloseApiError } from '../close/errors';
import { type AccountStatus, onMessage } from '../protocol';
import { countryFromLocale } from '../settings/settings';
import { readSettings, updateSettings } from '../storage';
import { forgetApiKey, readApiKey, storeApiKey } from './api-key';
import { asResult, clearCaches, getMe, getSmsNumbers, meCache, toAccountUser } from './close-api';

/** Keys are pasted from Close's settings page: whitespace and line breaks around or inside are never part of one. */
export function cleanApiKey(raw: string): string {
  return raw.replace(/\s+/g, '');
}

async function accountStatus(): Promise<AccountStatus> {
  if ((await readApiKey()) === null) return { hasKey: false, user: null };
  // The cached user if any; a refresh failure (offline) still reports the key as present.
  const me = await getMe().catch(() => null);
  return { hasKey: true, user: me ? toAccountUser(me) : null };
}

export function setupAccount(): void {
  // First install: numbers without a country code are read as the browser's region until Close says better.
  browser.runtime.onInstalled.addListener(async ({ reason }) => {
    const country = countryFromLocale(navigator.language);
    if (reason === 'install' && country) await updateSettings({ defaultCountry: country });
  });
  onMessage('getAccountStatus', () => accountStatus());
  onMessage('saveApiKey', ({ data }) =>
    asResult(async () => {
      const key = cleanApiKey(data);
      if (!key) throw new CloseApiError('invalid-input', 'Paste your Close API key first.');
      // Checked with Close before it is kept: a wrong key is refused with Close's reason.
      const probe = createCloseClient({ baseUrl: __CLOSE_API_URL__, getApiKey: async () => key });
      const me = await probe.me();
      await clearCaches();
      await storeApiKey(key);
      await meCache.setValue({ value: me, savedAt: Date.now() });
      await followCloseCountry();
      return { hasKey: true, user: toAccountUser(me) };
    }),
  );
  onMessage('signOut', async () => {
    await forgetApiKey();
    await clearCaches();
  });
  onMessage('getSettings', () => readSettings());
  onMessage('updateSettings', ({ data }) => updateSettings(data));
}

/** Until the rep picks a default country, use the country of their first Close SMS number. */
async function followCloseCountry(): Promise<void> {
  const settings = await readSettings();
  if (settings.countryChosenByRep) return;
  const numbers = await getSmsNumbers().catch(() => []);
  const country = numbers.find((n) => n.sms_enabled && n.country)?.country;
  if (country && country !== settings.defaultCountry) await updateSettings({ defaultCountry: country });
}
