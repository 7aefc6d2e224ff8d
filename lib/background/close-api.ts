/**
 * The background's one Close client, plus short-lived caches of what rarely changes (the user, their
 * numbers, templates) so the popup opens on warm data. An invalid key clears every cache.
 */
import { createCloseClient } from '../close/client';
import { isCloseApiError } from '../close/errors';
import type { CloseUser, PhoneNumber, SmsActivity, SmsTemplate } from '../close/schemas';
import type { AccountUser, ErrorInfo, Result, SmsSummary } from '../protocol';
import { type Cached, defineCacheItem } from '../storage';
import { readApiKey } from './api-key';

export const close = createCloseClient({ baseUrl: __CLOSE_API_URL__, getApiKey: readApiKey });

const CACHE_TTL_MS = 10 * 60_000;

export const meCache = defineCacheItem<CloseUser>('me');
export const numbersCache = defineCacheItem<PhoneNumber[]>('smsNumbers');
export const templatesCache = defineCacheItem<SmsTemplate[]>('templates');
const ALL_CACHES = [meCache, numbersCache, templatesCache];

type CacheItem<T> = ReturnType<typeof defineCacheItem<T>>;

/** Fresh cached value, else loaded from Close and saved. A stale value is refreshed, never served. */
async function cached<T>(item: CacheItem<T>, load: () => Promise<T>, now = Date.now()): Promise<T> {
  const hit: Cached<T> | null = await item.getValue();
  if (hit && now - hit.savedAt < CACHE_TTL_MS) return hit.value;
  const value = await load();
  await item.setValue({ value, savedAt: now });
  return value;
}

export const getMe = () => cached(meCache, () => close.me());
export const getSmsNumbers = async () => {
  const me = await getMe();
  return cached(numbersCache, () => close.phoneNumbers(me.id));
};
export const getTemplates = () => cached(templatesCache, () => close.smsTemplates());

export async function clearCaches(): Promise<void> {
  await Promise.all(ALL_CACHES.map((c) => c.removeValue()));
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

/** Runs a background operation and turns any failure into a message the rep can read. */
export async function asResult<T>(run: () => Promise<T>): Promise<Result<T>> {
  try {
    return { ok: true, value: await run() };
  } catch (e) {
    if (isCloseApiError(e) && e.kind === 'unauthorized') await clearCaches();
    return { ok: false, error: toErrorInfo(e) };
  }
}

export function toErrorInfo(e: unknown): ErrorInfo {
  if (isCloseApiError(e)) {
    return { kind: e.kind, message: e.message, ...(e.outcomeUnknown ? { outcomeUnknown: true } : {}) };
  }
  console.error('[close-sms] unexpected error', e);
  return {
    kind: 'internal',
    message: `Something went wrong in the extension: ${e instanceof Error ? e.message : String(e)}`,
  };
}
