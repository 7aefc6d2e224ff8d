import { addMs, closeDate } from './dates';
import { parseE164 } from './phones';
import { SEED, type SeedContactKey } from './seed-data';
import { buildSms } from './sms-records';
import { StandInState } from './state';
import { tzIdsFor } from './time-zones';
import type { ContactRecord, LeadRecord, PhoneNumberRecord, SmsRecord, SmsStatus, SmsTemplateRecord } from './types';

export { SEED, type SeedContactKey, type SeedLeadKey } from './seed-data';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** A state holding only the user and organization (what `seed: false` gives). */
export function emptyState(now: Date): StandInState {
  const created = closeDate(addMs(now, -400 * DAY));
  return new StandInState(
    { id: SEED.organization.id, name: SEED.organization.name, date_created: created, date_updated: created },
    {
      id: SEED.user.id,
      first_name: SEED.user.firstName,
      last_name: SEED.user.lastName,
      email: SEED.user.email,
      image: null,
      last_used_timezone: SEED.user.timezone,
      date_created: created,
      date_updated: created,
    },
    { ...SEED.leadStatus },
  );
}

export function seedState(state: StandInState, now: Date): void {
  const created = closeDate(addMs(now, -30 * DAY));
  state.phoneNumbers = seedPhoneNumbers(state, created);
  for (const lead of Object.values(SEED.leads)) state.leads.set(lead.id, seedLead(state, lead, created));
  for (const contact of Object.values(SEED.contacts))
    state.contacts.set(contact.id, seedContact(state, contact, created));
  state.landlines.add(SEED.contacts.carla.phone);
  for (const template of seedTemplates(state, created)) state.templates.set(template.id, template);
  for (const sms of seedSms(state, now)) state.sms.set(sms.id, sms);
}

function seedPhoneNumbers(state: StandInState, created: string): PhoneNumberRecord[] {
  const { us, gb, voiceOnly } = SEED.phoneNumbers;
  return [
    phoneNumber(state, us, 'Maya (US)', { sms: ['US', 'CA'], mms: ['US', 'CA'] }, created),
    phoneNumber(state, gb, 'Maya (UK)', { sms: ['GB'], mms: [] }, created),
    phoneNumber(state, voiceOnly, 'Support line (voice)', null, created),
  ];
}

function phoneNumber(
  state: StandInState,
  seed: { id: string; number: string },
  label: string,
  sms: { sms: string[]; mms: string[] } | null,
  created: string,
): PhoneNumberRecord {
  const parsed = parseE164(seed.number);
  return {
    id: seed.id,
    number: seed.number,
    number_formatted: parsed?.formatted ?? seed.number,
    label,
    type: 'internal',
    country: parsed?.country ?? null,
    sms_enabled: sms !== null,
    mms_enabled: (sms?.mms.length ?? 0) > 0,
    supports_sms_to_countries: sms?.sms ?? [],
    supports_mms_to_countries: sms?.mms ?? [],
    is_group_number: false,
    participants: [state.user.id],
    user_id: state.user.id,
    organization_id: state.organization.id,
    address_id: null,
    bundle_id: null,
    carrier: 'twilio',
    carrier_type: 'local',
    forward_to: null,
    forward_to_enabled: false,
    forward_to_formatted: null,
    is_premium: false,
    is_verified: true,
    was_ported: false,
    press_1_to_accept: false,
    voicemail_greeting_url: null,
    last_billed_price: 1.15,
    next_billing_on: null,
    date_created: created,
    date_updated: created,
  };
}

function seedLead(state: StandInState, seed: { id: string; name: string }, created: string): LeadRecord {
  return {
    id: seed.id,
    organization_id: state.organization.id,
    name: seed.name,
    display_name: seed.name,
    description: null,
    url: null,
    status_id: state.leadStatus.id,
    status_label: state.leadStatus.label,
    created_by: state.user.id,
    created_by_name: state.userName,
    updated_by: state.user.id,
    updated_by_name: state.userName,
    date_created: created,
    date_updated: created,
  };
}

function seedContact(
  state: StandInState,
  seed: { id: string; lead: keyof typeof SEED.leads; name: string; phone: string },
  created: string,
): ContactRecord {
  const parsed = parseE164(seed.phone);
  const landline = seed.id === SEED.contacts.carla.id;
  return {
    id: seed.id,
    lead_id: SEED.leads[seed.lead].id,
    organization_id: state.organization.id,
    name: seed.name,
    display_name: seed.name,
    title: null,
    phones: [
      {
        phone: seed.phone,
        phone_formatted: parsed?.formatted ?? seed.phone,
        type: landline ? 'office' : 'mobile',
        country: parsed?.country ?? null,
        outbound_sms_blocked: seed.id === SEED.contacts.ben.id,
        tz_ids: tzIdsFor(seed.phone),
      },
    ],
    emails: [],
    urls: [],
    timezone: null,
    timezone_source: null,
    created_by: state.user.id,
    updated_by: state.user.id,
    date_created: created,
    date_updated: created,
  };
}

function seedTemplates(state: StandInState, created: string): SmsTemplateRecord[] {
  const { intro, followUp, archived } = SEED.templates;
  return [intro, followUp, archived].map((template) => ({
    id: template.id,
    name: template.name,
    text: template.text,
    status: template === archived ? 'archived' : 'active',
    is_shared: true,
    owned_by: state.user.id,
    created_by: state.user.id,
    updated_by: state.user.id,
    organization_id: state.organization.id,
    attachments: [],
    date_created: created,
    date_updated: created,
  }));
}

interface SeedSms {
  seed: { id: string; text: string };
  status: SmsStatus;
  contact: SeedContactKey;
  ageMs: number;
}

/** One SMS in each status Close can show, spread over the last days so list ordering is meaningful. */
function seedSms(state: StandInState, now: Date): SmsRecord[] {
  const plan: SeedSms[] = [
    { seed: SEED.sms.sent, status: 'sent', contact: 'ana', ageMs: 2 * DAY },
    { seed: SEED.sms.inbox, status: 'inbox', contact: 'ana', ageMs: 1 * DAY },
    { seed: SEED.sms.error, status: 'error', contact: 'carla', ageMs: 5 * HOUR },
    { seed: SEED.sms.draft, status: 'draft', contact: 'raj', ageMs: 3 * HOUR },
    { seed: SEED.sms.scheduled, status: 'scheduled', contact: 'oliver', ageMs: 1 * HOUR },
  ];
  return plan.map((item) => seededSms(state, item, now));
}

function seededSms(state: StandInState, item: SeedSms, now: Date): SmsRecord {
  const contact = SEED.contacts[item.contact];
  const local = contact.phone.startsWith('+44') ? SEED.phoneNumbers.gb.number : SEED.phoneNumbers.us.number;
  const created = addMs(now, -item.ageMs);
  const record = buildSms(state, {
    id: item.seed.id,
    status: item.status,
    direction: item.status === 'inbox' ? 'inbound' : 'outbound',
    source: 'Close.io',
    text: item.seed.text,
    templateId: null,
    localPhone: local,
    remotePhone: contact.phone,
    leadId: SEED.leads[contact.lead].id,
    contactId: contact.id,
    created,
    dateScheduled: item.status === 'scheduled' ? closeDate(addMs(now, 2 * DAY)) : null,
  });
  if (item.status === 'sent') {
    record.date_sent = closeDate(addMs(created, 2_000));
    record.cost = '1';
  }
  if (item.status === 'error') {
    record.error_message = `The number ${record.remote_phone_formatted} is a landline and cannot receive SMS.`;
  }
  if (item.status === 'inbox') record.users = [state.user.id];
  return record;
}

/** Puts `state` back to its starting point in place, so references tests hold to it stay valid. */
export function resetState(state: StandInState, now: Date, seed: boolean): void {
  const fresh = emptyState(now);
  state.organization = fresh.organization;
  state.user = fresh.user;
  state.leadStatus = fresh.leadStatus;
  state.clear();
  if (seed) seedState(state, now);
}
