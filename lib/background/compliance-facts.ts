/**
 * What the compliance gate (lib/compliance/compliance-check.ts) needs to know, fetched from Close by the
 * background: the recipient's time zone, the opt-out flag, the organization's blocked numbers and the thread.
 * The composer gets these facts to show; the send gate fetches them again at send time and trusts nothing a
 * page sent. Nothing here decides; it only gathers.
 *
 * Costs: the blocked list has no filter by phone in Close, so it is read whole (a 5,000-number list is 50
 * pages) and cached in storage.session for five minutes; a number the rep blocks from the composer is added to
 * the cache at once. The thread is one request (the lead's newest 100 texts).
 */
import { isCloseApiError } from '../close/errors';
import type { Contact, Lead, SmsActivity } from '../close/schemas';
import type { BlockedListState, ComplianceFacts, RecentText } from '../compliance/compliance-check';
import { isFirstText } from '../compliance/first-text-footer';
import { type RecipientZone, recipientZone } from '../compliance/recipient-zone';
import type { Settings } from '../settings/settings';
import { caches } from '../storage';
import type { CloseData } from './close-data';

export const BLOCKED_LIST_TTL_MS = 5 * 60_000;
/** The newest texts of a lead read for the thread checks (Close lists newest first). */
const THREAD_LIMIT = 100;

export interface FactsInput {
  to: string;
  contactId: string | null;
  leadId: string | null;
  /** Contacts already fetched for this number or lead (with `timezone` and `tz_ids`). */
  contacts: readonly Contact[];
  /** The lead, when already fetched (for its addresses' `tz_ids`). */
  lead?: Lead | null;
  settings: Settings;
}

export interface ComplianceSources {
  facts(input: FactsInput): Promise<ComplianceFacts>;
  /** Zone per contact id ('' for "no contact"), so the composer can follow the rep switching contacts. */
  zonesFor(input: FactsInput): Promise<Record<string, RecipientZone>>;
  blockedList(phone: string): Promise<BlockedListState>;
  /** Adds the number to Close's blocked numbers and to the cache. */
  block(phone: string, reason: string): Promise<void>;
}

export function complianceSources(data: CloseData, now: () => number = Date.now): ComplianceSources {
  const { close } = data;

  async function blockedPhones(): Promise<Record<string, string | null>> {
    const hit = await caches.blockedNumbers.getValue();
    if (hit && now() - hit.savedAt < BLOCKED_LIST_TTL_MS) return hit.value;
    const list = await close.blockedPhoneNumbers();
    const value = Object.fromEntries(list.map((b) => [b.phone, b.reason ?? null]));
    await caches.blockedNumbers.setValue({ value, savedAt: now() });
    return value;
  }

  async function blockedList(phone: string): Promise<BlockedListState> {
    try {
      const phones = await blockedPhones();
      return { state: 'checked', blocked: phone in phones, reason: phones[phone] ?? null };
    } catch (e) {
      // Never skipped silently: the gate turns this into a finding the rep must acknowledge by name.
      const message =
        isCloseApiError(e) && e.kind === 'forbidden'
          ? 'your Close role may not read them (HTTP 403). Ask a Close admin for access, or check the number yourself.'
          : `${e instanceof Error ? e.message : String(e)}`;
      return { state: 'unavailable', message };
    }
  }

  async function leadFor(input: FactsInput): Promise<Lead | null> {
    if (input.lead) return input.lead;
    const leadId = input.leadId ?? input.contacts.find((c) => c.id === input.contactId)?.lead_id ?? null;
    return leadId ? close.getLead(leadId) : null;
  }

  function zoneOf(input: FactsInput, contact: Contact | null, lead: Lead | null): RecipientZone {
    // The phone's `tz_ids` are about the number, whichever contact holds it.
    const phone = contact?.phones.find((p) => p.phone === input.to) ??
      input.contacts.flatMap((c) => c.phones).find((p) => p.phone === input.to) ?? { phone: input.to, country: null };
    return recipientZone({ contact, phone, lead });
  }

  /** Only when neither the contact nor the phone pins one zone is the lead read for its addresses. */
  async function zoneWithLead(input: FactsInput, contact: Contact | null): Promise<RecipientZone> {
    const first = zoneOf(input, contact, input.lead ?? null);
    const decided = first.kind === 'one' && (first.source === 'contact' || first.source === 'phone');
    if (decided || input.lead || !(input.leadId ?? contact?.lead_id)) return first;
    return zoneOf(input, contact, await leadFor(input));
  }

  async function thread(input: FactsInput): Promise<SmsActivity[]> {
    const leadId = input.leadId ?? input.contacts.find((c) => c.id === input.contactId)?.lead_id ?? null;
    const leadIds = leadId ? [leadId] : [...new Set(input.contacts.map((c) => c.lead_id).filter((id) => !!id))];
    // A number in no lead has no thread in Close: nobody has texted it through Close.
    const pages = await Promise.all(
      leadIds.slice(0, 3).map((id) => close.listSms({ lead_id: id as string, _limit: THREAD_LIMIT })),
    );
    return pages.flatMap((p) => p.data).filter((sms) => sms.remote_phone === input.to);
  }

  return {
    blockedList,
    block: async (phone, reason) => {
      await close.blockPhoneNumber({ phone, reason });
      const hit = await caches.blockedNumbers.getValue();
      if (hit) await caches.blockedNumbers.setValue({ value: { ...hit.value, [phone]: reason }, savedAt: hit.savedAt });
    },
    async zonesFor(input) {
      const lead = input.lead ?? null;
      const zones: Record<string, RecipientZone> = { '': zoneOf(input, null, lead) };
      for (const contact of input.contacts) zones[contact.id] = zoneOf(input, contact, lead);
      return zones;
    },
    async facts(input) {
      const contact = input.contacts.find((c) => c.id === input.contactId) ?? null;
      const [me, zone, blocked, texts] = await Promise.all([
        data.getMe(),
        zoneWithLead(input, contact),
        blockedList(input.to),
        thread(input),
      ]);
      const inbound = texts.find((t) => t.direction === 'inbound' || t.status === 'inbox');
      const recent: RecentText[] = texts
        .filter((t) => t.direction !== 'inbound' && ['sent', 'outbox', 'scheduled'].includes(t.status))
        .map((t) => ({
          smsId: t.id,
          userName: t.user_name ?? null,
          mine: t.user_id === me.id,
          status: t.status,
          at: (t.status === 'scheduled' ? t.date_scheduled : t.date_sent) ?? t.date_created,
        }));
      return {
        recipientName: contact?.display_name || contact?.name || null,
        zone,
        rules: input.settings.quietHours,
        // Any contact with this phone: an opt-out is about the phone, not the record the text is logged on.
        optedOut: input.contacts.some((c) => c.phones.some((p) => p.phone === input.to && p.outbound_sms_blocked)),
        blockedList: blocked,
        lastInbound: inbound ? { text: inbound.text ?? '', at: inbound.date_created } : null,
        recent,
        doubleTextHours: input.settings.doubleTextHours,
        firstText: isFirstText(texts),
      };
    },
  };
}
