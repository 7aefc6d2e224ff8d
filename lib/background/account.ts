import type { CloseClient } from '../close/client';
import { CloseApiError } from '../close/errors';
import type { AccountStatus } from '../protocol';
import { countryFromLocale } from '../settings/settings';
import { caches, clearCaches, readSettings, updateSettings } from '../storage';
import { forgetApiKey, readApiKey, storeApiKey } from './api-key';
import { type CloseData, toAccountUser } from './close-data';
import type { Handlers } from './message-gate';

/** Keys are pasted from Close's settings page: whitespace and line breaks around or inside are never part of one. */
export function cleanApiKey(raw: string): string {
  return raw.replace(/\s+/g, '');
}

export interface AccountDeps {
  data: CloseData;
  /** A client that uses this key, to check a key with Close before it is kept. */
  clientWithKey(key: string): CloseClient;
  /** Told after a key is kept or forgotten (the reply poller starts, or stops and forgets). */
  onAccountChange?(signedIn: boolean): Promise<void>;
}

export function accountHandlers({
  data,
  clientWithKey,
  onAccountChange,
}: AccountDeps): Pick<Handlers, 'getAccountStatus' | 'saveApiKey' | 'signOut' | 'getSettings' | 'updateSettings'> {
  async function accountStatus(): Promise<AccountStatus> {
    if ((await readApiKey()) === null) return { hasKey: false, user: null };
    // The cached user if any; a refresh failure (offline) still reports the key as present.
    const me = await data.getMe().catch(() => null);
    return { hasKey: true, user: me ? toAccountUser(me) : null };
  }

  /** Until the rep picks a default country, use the country of their first Close SMS number. */
  async function followCloseCountry(): Promise<void> {
    const settings = await readSettings();
    if (settings.countryChosenByRep) return;
    const numbers = await data.getSmsNumbers().catch(() => []);
    const country = numbers.find((n) => n.sms_enabled && n.country)?.country;
    if (country && country !== settings.defaultCountry) await updateSettings({ defaultCountry: country });
  }

  return {
    getAccountStatus: accountStatus,
    async saveApiKey(raw) {
      const key = cleanApiKey(raw);
      if (!key) throw new CloseApiError('invalid-input', 'Paste your Close API key first.');
      // Checked with Close before it is kept: a wrong key is refused with Close's reason.
      const me = await clientWithKey(key).me();
      await clearCaches();
      await storeApiKey(key);
      await caches.me.setValue({ value: me, savedAt: Date.now() });
      await followCloseCountry();
      await onAccountChange?.(true);
      return { hasKey: true, user: toAccountUser(me) };
    },
    async signOut() {
      await forgetApiKey();
      await clearCaches();
      await onAccountChange?.(false);
      return null;
    },
    getSettings: readSettings,
    updateSettings: (patch) => updateSettings(patch),
  };
}

/** First install: numbers without a country code are read as the browser's region until Close says better. */
export function setupAccountEvents(): void {
  browser.runtime.onInstalled.addListener(async ({ reason }) => {
    const country = countryFromLocale(navigator.language);
    if (reason === 'install' && country) await updateSettings({ defaultCountry: country });
  });
}
