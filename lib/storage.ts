/**
 * Every persisted item, in one place, each with its fallback and version.
 *
 * Where things live is a security decision (SECURITY.md): content scripts can read *and write*
 * `storage.local` and `storage.sync` in Chrome and Firefox, so nothing is kept there any more.
 * - "trusted" items live in the extension origin's IndexedDB, which only the background and the extension's
 *   own pages can open (content scripts run in the page's origin). What must survive a browser restart
 *   goes here: settings, the sealed API key, unsent compose text, texts being followed.
 * - `session:` items live in `storage.session`, which both browsers keep from content scripts (Chrome's
 *   default access level is TRUSTED_CONTEXTS; Firefox does not expose it to them). Caches of CRM data
 *   and per-tab state go here: losing them on a browser restart costs one request.
 */

import { createStore, del, entries, get, set } from 'idb-keyval';
import { storage } from '#imports';
import type { CloseUser, PhoneNumber, SmsTemplate } from './close/schemas';
import type { RecipientZone } from './compliance/recipient-zone';
import type { FrameReport } from './page-findings';
import type { QueueRow } from './protocol';
import { EMPTY_REPLIES, type ReplyState } from './replies/reply-state';
import type { SealedSecret } from './secrets/sealed-secret';
import { serialized } from './serialized';
import { DEFAULT_SETTINGS, normalizeSettings, type Settings } from './settings/settings';
import { type DeliveryState, EMPTY_DELIVERY } from './sms/delivery-state';

// ── Trusted items (extension-origin IndexedDB) ────────────────────────────────────────────────────────

const trustedDb = () => createStore('close-sms-trusted', 'items');
let db: ReturnType<typeof createStore> | null = null;
const store = () => {
  db ??= trustedDb();
  return db;
};

/** Resolves when values from an older install have been moved here (see migrateLegacyStorage). */
let migrated: Promise<void> = Promise.resolve();

interface Stored<T> {
  v: number;
  value: T;
}

export interface TrustedItem<T> {
  getValue(): Promise<T>;
  setValue(value: T): Promise<void>;
  removeValue(): Promise<void>;
}

function defineTrustedItem<T>(name: string, opts: { fallback: T; version: number }): TrustedItem<T> {
  const key = `item:${name}`;
  return {
    async getValue() {
      await migrated;
      const stored = await get<Stored<T>>(key, store());
      // A value of another version has no migration yet: the fallback is safer than a guess.
      return stored && stored.v === opts.version ? stored.value : structuredClone(opts.fallback);
    },
    async setValue(value) {
      await set(key, { v: opts.version, value } satisfies Stored<T>, store());
    },
    async removeValue() {
      await del(key, store());
    },
  };
}

/**
 * Many values under one name, each its own IndexedDB entry: writers from several contexts (popups, the
 * background) never read-modify-write a shared object, so none can lose another's change.
 */
export interface TrustedMap<T> {
  get(key: string): Promise<T | null>;
  set(key: string, value: T): Promise<void>;
  delete(key: string): Promise<void>;
  all(): Promise<Record<string, T>>;
}

function defineTrustedMap<T>(name: string, opts: { version: number }): TrustedMap<T> {
  const prefix = `map:${name}:`;
  return {
    async get(k) {
      await migrated;
      const stored = await get<Stored<T>>(prefix + k, store());
      return stored && stored.v === opts.version ? stored.value : null;
    },
    async set(k, value) {
      await set(prefix + k, { v: opts.version, value } satisfies Stored<T>, store());
    },
    async delete(k) {
      await del(prefix + k, store());
    },
    async all() {
      await migrated;
      const out: Record<string, T> = {};
      for (const [k, stored] of await entries<IDBValidKey, Stored<T>>(store())) {
        if (typeof k === 'string' && k.startsWith(prefix) && stored?.v === opts.version) {
          out[k.slice(prefix.length)] = stored.value;
        }
      }
      return out;
    },
  };
}

export const settingsItem = defineTrustedItem<Settings>('settings', { fallback: DEFAULT_SETTINGS, version: 1 });

/** Reads settings repaired against the current shape, whatever an older version or a bad write left. */
export async function readSettings(): Promise<Settings> {
  return normalizeSettings(await settingsItem.getValue());
}

const settingsWrites = serialized();
const settingsListeners = new Set<(s: Settings) => void>();

/** Patches settings; writes run one after another so none undoes another's change. Background only. */
export function updateSettings(patch: Partial<Settings>): Promise<Settings> {
  return settingsWrites(async () => {
    const next = normalizeSettings({ ...(await readSettings()), ...patch });
    await settingsItem.setValue(next);
    for (const listener of settingsListeners) listener(next);
    return next;
  });
}

/** Called after every settings change made in this context (the background is the only writer). */
export function onSettingsChanged(listener: (s: Settings) => void): () => void {
  settingsListeners.add(listener);
  return () => settingsListeners.delete(listener);
}

export const sealedApiKeyItem = defineTrustedItem<SealedSecret | null>('apiKeySealed', { fallback: null, version: 1 });

/** Texts being followed until sent or failed, and the failures the rep has not dismissed. */
export const deliveryItem = defineTrustedItem<DeliveryState>('delivery', { fallback: EMPTY_DELIVERY, version: 1 });

/**
 * Replies: which inbound texts were seen and which are unread, the poll's cursor, follow-ups to hold on a
 * reply. Trusted, not a cache: losing it would notify again for replies already seen.
 */
export const replyItem = defineTrustedItem<ReplyState>('replies', { fallback: EMPTY_REPLIES, version: 1 });

/** What the rep is writing, per compose target, saved on every keystroke so nothing typed is ever lost. */
export interface ComposeDraft {
  text: string;
  templateId: string | null;
  updatedAt: number;
}

export const composeDrafts = defineTrustedMap<ComposeDraft>('composeDraft', { version: 1 });

/** A send that went ahead after the rep acknowledged a compliance finding (quiet hours, double text…). */
export interface ComplianceOverride {
  at: string;
  smsId: string;
  to: string;
  leadId: string | null;
  userId: string;
  acknowledged: string[];
  /** The finding's words, as the rep saw them. */
  findings: string[];
}

/** The newest overrides, kept for the rep's and their compliance team's review (options page). */
export const complianceLogItem = defineTrustedItem<ComplianceOverride[]>('complianceLog', { fallback: [], version: 1 });
export const COMPLIANCE_LOG_LIMIT = 500;

const logWrites = serialized();

/** Background only: appended one at a time so two overrides at once both stay in the log. */
export function logComplianceOverride(entry: ComplianceOverride): Promise<void> {
  return logWrites(async () => {
    const log = await complianceLogItem.getValue();
    await complianceLogItem.setValue([entry, ...log].slice(0, COMPLIANCE_LOG_LIMIT));
  });
}

// ── Session items (storage.session: trusted contexts only, gone on browser restart) ───────────────────

/** A value fetched from Close and the time it was saved, for short-TTL caches that let the popup open warm. */
export interface Cached<T> {
  value: T;
  savedAt: number;
}

function defineCacheItem<T>(name: string) {
  return storage.defineItem<Cached<T> | null>(`session:cache.${name}`, { fallback: null, version: 1 });
}

export type CacheItem<T> = ReturnType<typeof defineCacheItem<T>>;

export interface LeadNames {
  name: string;
  contacts: Record<string, string>;
  /** The recipient's zone per phone (E.164) of the lead's contacts, for "that's 14:00 for Ana" in the list. */
  zones?: Record<string, RecipientZone>;
}

/** Who a number on a page belongs to in Close (null: not in Close), for the page picker. */
export interface PhoneOwner {
  contactId: string;
  contactName: string | null;
  leadId: string | null;
  leadName: string | null;
}

export const caches = {
  me: defineCacheItem<CloseUser>('me'),
  smsNumbers: defineCacheItem<PhoneNumber[]>('smsNumbers'),
  templates: defineCacheItem<SmsTemplate[]>('templates'),
  queue: defineCacheItem<QueueRow[]>('queue'),
  leadNames: defineCacheItem<Record<string, LeadNames>>('leadNames'),
  /** The organization's blocked numbers: phone (E.164) → reason. See background/compliance-facts.ts. */
  blockedNumbers: defineCacheItem<Record<string, string | null>>('blockedNumbers'),
  /** Per number, with its own time: numbers of many pages are looked up at different times. */
  phoneOwners: defineCacheItem<Record<string, Cached<PhoneOwner | null>>>('phoneOwners'),
};

export async function clearCaches(): Promise<void> {
  await Promise.all(Object.values(caches).map((c) => c.removeValue()));
}

/** Findings per tab and frame (`tabId:frameId`), so the popup can list them after the worker restarted. */
export const tabFindingsItem = storage.defineItem<Record<string, FrameReport>>('session:tabFindings', {
  fallback: {},
  version: 1,
});

/** A compose request handed to the toolbar popup when the background opens it (it cannot pass a URL). */
export interface PendingCompose {
  to?: string;
  lead?: string;
  /** Other numbers in the same selection, listed so the rep can switch. */
  others?: string[];
  /** Shown instead of a composer, e.g. "No phone number found in …". Set by the background only. */
  notice?: string;
  tab?: number;
  at?: number;
}

export const pendingComposeItem = storage.defineItem<PendingCompose | null>('session:pendingCompose', {
  fallback: null,
  version: 1,
});

// ── Migration from the storage.local layout of 0.1 ────────────────────────────────────────────────────

const MIGRATION_FLAG = 'item:migratedFromLocal';

/**
 * Moves what 0.1 kept in storage.local (settings, the sealed key, compose drafts, delivery state) into
 * trusted storage, drops its caches, and empties storage.local. Runs once: afterwards storage.local is
 * never read again, so nothing a content script writes there can reach us.
 */
export function migrateLegacyStorage(): Promise<void> {
  migrated = (async () => {
    if (await get(MIGRATION_FLAG, store())) return;
    const local = (await browser.storage.local.get(null)) as Record<string, unknown>;
    const put = <T>(name: string, value: T, version = 1) =>
      set(`item:${name}`, { v: version, value } satisfies Stored<T>, store());
    if (local.settings !== undefined) await put('settings', normalizeSettings(local.settings));
    if (isSealed(local.apiKeySealed)) await put('apiKeySealed', local.apiKeySealed);
    if (isDelivery(local.delivery)) await put('delivery', local.delivery);
    const drafts = local.composeDrafts;
    if (drafts && typeof drafts === 'object') {
      for (const [k, d] of Object.entries(drafts as Record<string, ComposeDraft>)) {
        if (d && typeof d.text === 'string') {
          await set(`map:composeDraft:${k}`, { v: 1, value: { ...d, templateId: d.templateId ?? null } }, store());
        }
      }
    }
    await browser.storage.local.clear();
    await set(MIGRATION_FLAG, true, store());
  })();
  return migrated;
}

function isSealed(v: unknown): v is SealedSecret {
  return !!v && typeof (v as SealedSecret).iv === 'string' && typeof (v as SealedSecret).data === 'string';
}

function isDelivery(v: unknown): v is DeliveryState {
  return !!v && typeof (v as DeliveryState).tracked === 'object' && typeof (v as DeliveryState).failed === 'object';
}

/** Tests only: forget the cached IndexedDB handle after fake-indexeddb was reset. */
export function resetTrustedStoreForTests(): void {
  db = null;
  migrated = Promise.resolve();
}
