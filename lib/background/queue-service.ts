/**
 * The rep's drafts, scheduled texts and recent failures, for the popup's quick-edit list. Close has no
 * status filter, so the user's recent SMS are paged by `date_created` and filtered here. The list is cached
 * so the view opens at once and refreshes behind it.
 */
import type { SmsActivity } from '../close/schemas';
import { onMessage, type QueueRow, type SmsSummary } from '../protocol';
import { editQueued } from '../sms/edit-queued';
import { defineCacheItem } from '../storage';
import { asResult, close, getMe, toSmsSummary } from './close-api';
import { dismissFailure, trackDelivery } from './delivery-tracking';

const WINDOW_DAYS = 60;
const ERROR_DAYS = 7;
/** A guard against paging forever through a huge history: 10 pages of 100. */
const MAX_SMS_SCANNED = 1000;

export const queueCache = defineCacheItem<QueueRow[]>('queue');
const leadNamesCache = defineCacheItem<Record<string, { name: string; contacts: Record<string, string> }>>('leadNames');

function belongsInQueue(sms: SmsActivity, now: number): boolean {
  if (sms.status === 'draft' || sms.status === 'scheduled') return true;
  return sms.status === 'error' && now - Date.parse(sms.date_created) < ERROR_DAYS * 86_400_000;
}

async function namesFor(leadIds: string[]) {
  const cached = (await leadNamesCache.getValue())?.value ?? {};
  const missing = leadIds.filter((id) => !cached[id]);
  await Promise.all(
    missing.map(async (id) => {
      const lead = await close.getLead(id).catch(() => null);
      if (lead) {
        const contacts = Object.fromEntries(lead.contacts.map((c) => [c.id, c.display_name || c.name || '']));
        cached[id] = { name: lead.display_name, contacts };
      }
    }),
  );
  await leadNamesCache.setValue({ value: cached, savedAt: Date.now() });
  return cached;
}

function toRow(sms: SmsSummary, names: Awaited<ReturnType<typeof namesFor>>): QueueRow {
  const lead = sms.leadId ? names[sms.leadId] : undefined;
  return {
    ...sms,
    leadName: lead?.name ?? null,
    contactName: (sms.contactId && lead?.contacts[sms.contactId]) || null,
  };
}

export async function refreshQueue(): Promise<QueueRow[]> {
  const me = await getMe();
  const now = Date.now();
  const since = new Date(now - WINDOW_DAYS * 86_400_000).toISOString();
  const found: SmsActivity[] = [];
  let scanned = 0;
  for await (const sms of close.iterateSms({ user_id: me.id, date_created__gt: since })) {
    if (belongsInQueue(sms, now)) found.push(sms);
    if (++scanned >= MAX_SMS_SCANNED) break;
  }
  found.sort((a, b) => Date.parse(b.date_created) - Date.parse(a.date_created));
  const names = await namesFor([...new Set(found.map((s) => s.lead_id).filter((id): id is string => !!id))]);
  const rows = found.map((s) => toRow(toSmsSummary(s), names));
  await queueCache.setValue({ value: rows, savedAt: now });
  return rows;
}

async function replaceRow(id: string, sms: SmsActivity | null): Promise<QueueRow | null> {
  const rows = (await queueCache.getValue())?.value ?? [];
  const names = sms?.lead_id ? await namesFor([sms.lead_id]) : {};
  const row = sms && belongsInQueue(sms, Date.now()) ? toRow(toSmsSummary(sms), names) : null;
  const next = rows.flatMap((r) => (r.id === id ? (row ? [row] : []) : [r]));
  await queueCache.setValue({ value: next, savedAt: Date.now() });
  return row;
}

export function setupQueueService(): void {
  onMessage('getQueue', async () => (await queueCache.getValue())?.value ?? null);
  onMessage('refreshQueue', () => asResult(refreshQueue));
  onMessage('editQueued', ({ data }) =>
    asResult(async () => {
      const outcome = await editQueued(
        { get: close.getSms, update: close.updateSms, remove: close.deleteSms },
        data.id,
        data.seen,
        data.edit,
      );
      const row = await replaceRow(data.id, outcome.sms);
      // A failed text that was deleted no longer needs the rep's attention.
      if (outcome.ok && data.edit.kind === 'delete') await dismissFailure(data.id);
      if (outcome.ok && outcome.sms && ['outbox', 'scheduled'].includes(outcome.sms.status)) {
        await trackDelivery(outcome.sms.id, outcome.sms.status);
      }
      return { ok: outcome.ok, message: outcome.message, row };
    }),
  );
}
