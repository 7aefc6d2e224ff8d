/**
 * What the background reads from Close, over the one client it is given: short-lived caches of what rarely
 * changes (the user, their numbers, templates) so the popup opens on warm data, and the shapes the
 * extension's pages see. Caches live in storage.session (trusted contexts only); an invalid key clears them.
 */
import type { CloseClient } from '../close/client';
import type { CloseUser, SmsActivity } from '../close/schemas';
import type { AccountUser, SmsSummary } from '../protocol';
import { type CacheItem, caches } from '../storage';

const CACHE_TTL_MS = 10 * 60_000;

/** Fresh cached value, else loaded from Close and saved. A stale value is refreshed, never served. */
async function cached<T>(item: CacheItem<T>, load: () => Promise<T>, now = Date.now()): Promise<T> {
  const hit = await item.getValue();
  if (hit && now - hit.savedAt < CACHE_TTL_MS) return hit.value;
  const value = await load();
  await item.setValue({ value, savedAt: now });
  return value;
}

export interface CloseData {
  close: CloseClient;
  getMe(): Promise<CloseUser>;
  getSmsNumbers(): ReturnType<CloseClient['phoneNumbers']>;
  getTemplates(): ReturnType<CloseClient['smsTemplates']>;
}

export function createCloseData(close: CloseClient): CloseData {
  const getMe = () => cached(caches.me, () => close.me());
  return {
    close,
    getMe,
    async getSmsNumbers() {
      const me = await getMe();
      return cached(caches.smsNumbers, () => close.phoneNumbers(me.id));
    },
    getTemplates: () => cached(caches.templates, () => close.smsTemplates()),
  };
}

export function toAccountUser(me: CloseUser): AccountUser {
  const name = [me.first_name, me.last_name].filter(Boolean).join(' ') || me.email;
  return { id: me.id, name, email: me.email, organization: me.organizations[0]?.name ?? '' };
}

export function toSmsSummary(sms: SmsActivity): SmsSummary {
  return {
    id: sms.id,
    status: sms.status,
    direction: sms.direction ?? null,
    text: sms.text ?? '',
    remotePhone: sms.remote_phone ?? null,
    localPhone: sms.local_phone ?? null,
    leadId: sms.lead_id ?? null,
    contactId: sms.contact_id ?? null,
    dateCreated: sms.date_created ?? null,
    dateScheduled: sms.date_scheduled ?? null,
    dateSent: sms.date_sent ?? null,
    errorMessage: sms.error_message ?? null,
  };
}
