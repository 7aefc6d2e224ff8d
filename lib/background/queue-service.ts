/**
 * The rep's drafts, scheduled texts and recent failures, for the popup's quick-edit list. Close has no
 * status filter, so the user's recent SMS are paged by `date_created` and filtered here. The list is cached
 * (storage.session) so the view opens at once and refreshes behind it.
 */
import type { Lead, SmsActivity } from '../close/schemas';
import type { Ack } from '../compliance/compliance-check';
import { type RecipientZone, recipientZone } from '../compliance/recipient-zone';
import type { QueueRow, SmsSummary } from '../protocol';
import { serialized } from '../serialized';
import { editQueued } from '../sms/edit-queued';
import { caches, type LeadNames } from '../storage';
import { type CloseData, toSmsSummary } from './close-data';
import type { ComplianceSources } from './compliance-facts';
import { quickEditGate } from './compose-service';
import type { DeliveryTracker } from './delivery-tracking';
import type { Handlers } from './message-gate';
import type { ReplyPoller } from './reply-poller';

const WINDOW_DAYS = 60;
const ERROR_DAYS = 7;
/** A guard against paging forever through a huge history: 10 pages of 100. */
const MAX_SMS_SCANNED = 1000;

function belongsInQueue(sms: SmsActivity, now: number): boolean {
  if (sms.status === 'draft' || sms.status === 'scheduled') return true;
  return sms.status === 'error' && now - Date.parse(sms.date_created) < ERROR_DAYS * 86_400_000;
}

function toRow(sms: SmsSummary, names: Record<string, LeadNames>): QueueRow {
  const lead = sms.leadId ? names[sms.leadId] : undefined;
  return {
    ...sms,
    leadName: lead?.name ?? null,
    contactName: (sms.contactId && lead?.contacts[sms.contactId]) || null,
    zone: (sms.remotePhone && lead?.zones?.[sms.remotePhone]) || null,
  };
}

/** Each phone's zone, from the lead as fetched (contact `timezone`, phone `tz_ids`, address `tz_ids`). */
function zonesOf(lead: Lead): Record<string, RecipientZone> {
  const zones: Record<string, RecipientZone> = {};
  for (const contact of lead.contacts) {
    for (const phone of contact.phones) zones[phone.phone] ??= recipientZone({ contact, phone, lead });
  }
  return zones;
}

/** Drafts that went back to draft because the contact replied say so ("held: Ana replied"). */
function withHeld(rows: QueueRow[], held: Record<string, string>): QueueRow[] {
  return rows.map((row) => (row.status === 'draft' && held[row.id] ? { ...row, heldBy: held[row.id] } : row));
}

export function queueHandlers({
  data,
  delivery,
  compliance,
  replies,
}: {
  data: CloseData;
  delivery: DeliveryTracker;
  compliance: ComplianceSources;
  replies?: Pick<ReplyPoller, 'held'>;
}): Pick<Handlers, 'getQueue' | 'refreshQueue' | 'editQueued'> {
  const { close } = data;
  const gate = quickEditGate(data, compliance);
  const heldBy = (rows?: QueueRow[]) => replies?.held(rows) ?? Promise.resolve({});
  // The cached list and names are read, changed and written back: one change at a time.
  const inOrder = serialized();

  async function namesFor(leadIds: string[]): Promise<Record<string, LeadNames>> {
    const known = (await caches.leadNames.getValue())?.value ?? {};
    // A cache from before zones were kept is read again once.
    const missing = leadIds.filter((id) => !known[id]?.zones);
    const loaded = await Promise.all(missing.map((id) => close.getLead(id).catch(() => null)));
    return inOrder(async () => {
      const names = (await caches.leadNames.getValue())?.value ?? {};
      for (const lead of loaded) {
        if (!lead) continue;
        const contacts = Object.fromEntries(lead.contacts.map((c) => [c.id, c.display_name || c.name || '']));
        names[lead.id] = { name: lead.display_name, contacts, zones: zonesOf(lead) };
      }
      await caches.leadNames.setValue({ value: names, savedAt: Date.now() });
      return names;
    });
  }

  async function refreshQueue(): Promise<QueueRow[]> {
    const me = await data.getMe();
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
    await inOrder(() => caches.queue.setValue({ value: rows, savedAt: now }));
    return withHeld(rows, await heldBy(rows));
  }

  async function replaceRow(id: string, sms: SmsActivity | null): Promise<QueueRow | null> {
    const names = sms?.lead_id ? await namesFor([sms.lead_id]) : {};
    const row = sms && belongsInQueue(sms, Date.now()) ? toRow(toSmsSummary(sms), names) : null;
    await inOrder(async () => {
      const rows = (await caches.queue.getValue())?.value ?? [];
      const next = rows.flatMap((r) => (r.id === id ? (row ? [row] : []) : [r]));
      await caches.queue.setValue({ value: next, savedAt: Date.now() });
    });
    return row;
  }

  return {
    async getQueue() {
      const rows = (await caches.queue.getValue())?.value ?? null;
      return rows && withHeld(rows, await heldBy());
    },
    refreshQueue,
    async editQueued(input) {
      const outcome = await editQueued(
        {
          get: close.getSms,
          update: close.updateSms,
          remove: close.deleteSms,
          mayTextTo: (sms, at) => gate(sms, at, input.acknowledged ?? []),
        },
        input.id,
        input.seen,
        input.edit,
      );
      const row = await replaceRow(input.id, outcome.sms);
      // A failed text that was deleted no longer needs the rep's attention.
      if (outcome.ok && input.edit.kind === 'delete') await delivery.dismiss(input.id);
      if (outcome.ok && outcome.sms && ['outbox', 'scheduled'].includes(outcome.sms.status)) {
        await delivery.track(outcome.sms.id, outcome.sms.status);
      }
      return {
        ok: outcome.ok,
        message: outcome.message,
        row: row && (withHeld([row], await heldBy())[0] ?? row),
        ...(!outcome.ok && outcome.confirm ? { confirm: outcome.confirm as { ack: Ack; label: string } } : {}),
      };
    },
  };
}
