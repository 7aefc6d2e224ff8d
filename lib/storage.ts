/**
 * Every persisted item, in one place. Each has a typed fallback and a version; migrations go here.
 * The API key is stored sealed (see lib/secrets/sealed-secret.ts) because content scripts can read storage.local.
 * Session storage (trusted contexts only) holds per-tab state that must survive the service worker sleeping.
 */
import { storage } from '#imports';
import type { PageFindings } from './page-findings';
import type { SealedSecret } from './secrets/sealed-secret';
import { serialized } from './serialized';
import { DEFAULT_SETTINGS, normalizeSettings, type Settings } from './settings/settings';
import { type DeliveryState, EMPTY_DELIVERY } from './sms/delivery-state';

export const settingsItem = storage.defineItem<Settings>('local:settings', {
  fallback: DEFAULT_SETTINGS,
  version: 1,
});

/** Reads settings repaired against the current shape, whatever an older version or a bad write left. */
export async function readSettings(): Promise<Settings> {
  return normalizeSettings(await settingsItem.getValue());
}

const settingsWrites = serialized();

/** Patches settings; writes from one context run one after another so none undoes another's change. */
export function updateSettings(patch: Partial<Settings>): Promise<Settings> {
  return settingsWrites(async () => {
    const next = normalizeSettings({ ...(await readSettings()), ...patch });
    await settingsItem.setValue(next);
    return next;
  });
}

export const sealedApiKeyItem = storage.defineItem<SealedSecret | null>('local:apiKeySealed', {
  fallback: null,
  version: 1,
});

/** A value fetched from Close and the time it was saved, for short-TTL caches that let the popup open warm. */
export interface Cached<T> {
  value: T;
  savedAt: number;
}

export function defineCacheItem<T>(name: string) {
  return storage.defineItem<Cached<T> | null>(`local:cache.${name}`, { fallback: null, version: 1 });
}

/** Findings per tab id, so the popup can list them after the worker restarted. */
export const tabFindingsItem = storage.defineItem<Record<string, PageFindings>>('session:tabFindings', {
  fallback: {},
  version: 1,
});

/** Texts being followed until sent or failed, and the failures the rep has not dismissed. */
export const deliveryItem = storage.defineItem<DeliveryState>('local:delivery', {
  fallback: EMPTY_DELIVERY,
  version: 1,
});

/** What the rep is writing, per compose target, saved on every keystroke so nothing typed is ever lost. */
export interface ComposeDraft {
  text: string;
  templateId: string | null;
  updatedAt: number;
}

export const composeDraftsItem = storage.defineItem<Record<string, ComposeDraft>>('local:composeDrafts', {
  fallback: {},
  version: 1,
});

/** A compose request handed to the toolbar popup when the background opens it (it cannot pass a URL). */
export interface PendingCompose {
  to?: string;
  lead?: string;
  /** Other numbers in the same selection, listed so the rep can switch. */
  others?: string[];
  /** Shown instead of a composer, e.g. "No phone number found in …". */
  notice?: string;
  tab?: number;
  at?: number;
}

export const pendingComposeItem = storage.defineItem<PendingCompose | null>('session:pendingCompose', {
  fallback: null,
  version: 1,
});
