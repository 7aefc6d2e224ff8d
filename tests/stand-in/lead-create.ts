import { closeDate } from './dates';
import { type FieldErrors, plainError, throwIfAny } from './http-errors';
import { normalizePhone } from './phones';
import type { StandInState } from './state';
import { tzIdsFor } from './time-zones';
import type { ContactEmailRecord, ContactPhoneRecord, ContactRecord, LeadRecord } from './types';

/** The account's country, used to read national-format numbers (Close uses the user's account country). */
const ACCOUNT_COUNTRY = 'US';

interface ContactInput {
  name: string | null;
  title: string | null;
  phones: ContactPhoneRecord[];
  emails: ContactEmailRecord[];
}

/**
 * POST /lead/ with nested contacts. Only the fields the extension needs are modelled; other lead fields Close accepts
 * (addresses, custom.*) are ignored rather than refused, as a lead carries many optional fields.
 */
export function createLead(state: StandInState, body: unknown, now: Date): LeadRecord {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw plainError(400, 'The request body must be a JSON object.');
  }
  const fields = body as Record<string, unknown>;
  const errors: FieldErrors = {};
  const name = optionalString(fields, 'name', errors);
  const description = optionalString(fields, 'description', errors);
  const url = optionalString(fields, 'url', errors);
  const contacts = parseContacts(fields.contacts, errors);
  throwIfAny(errors);
  return storeLead(state, { name, description, url, contacts }, now);
}

function storeLead(
  state: StandInState,
  input: { name: string | null; description: string | null; url: string | null; contacts: ContactInput[] },
  now: Date,
): LeadRecord {
  const created = closeDate(now);
  const lead: LeadRecord = {
    id: state.ids.next('lead'),
    organization_id: state.organization.id,
    name: input.name,
    display_name: input.name || input.contacts[0]?.name || 'Untitled',
    description: input.description,
    url: input.url,
    status_id: state.leadStatus.id,
    status_label: state.leadStatus.label,
    created_by: state.user.id,
    created_by_name: state.userName,
    updated_by: state.user.id,
    updated_by_name: state.userName,
    date_created: created,
    date_updated: created,
  };
  state.leads.set(lead.id, lead);
  for (const contact of input.contacts) {
    const record = contactRecord(state, lead.id, contact, created);
    state.contacts.set(record.id, record);
    state.searchIndexedAt.set(record.id, now.getTime() + state.searchLagMs);
  }
  return lead;
}

function contactRecord(state: StandInState, leadId: string, input: ContactInput, created: string): ContactRecord {
  return {
    id: state.ids.next('cont'),
    lead_id: leadId,
    organization_id: state.organization.id,
    name: input.name,
    display_name: input.name ?? input.emails[0]?.email ?? input.phones[0]?.phone_formatted ?? '',
    title: input.title,
    phones: input.phones,
    emails: input.emails,
    urls: [],
    timezone: null,
    timezone_source: null,
    created_by: state.user.id,
    updated_by: state.user.id,
    date_created: created,
    date_updated: created,
  };
}

function optionalString(fields: Record<string, unknown>, key: string, errors: FieldErrors): string | null {
  const value = fields[key];
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string') {
    errors[key] = 'Not a valid string.';
    return null;
  }
  return value;
}

function parseContacts(value: unknown, errors: FieldErrors): ContactInput[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) {
    errors.contacts = 'Not a valid list.';
    return [];
  }
  return value.map((item, index) => parseContact(item, `contacts.${index}`, errors));
}

function parseContact(value: unknown, path: string, errors: FieldErrors): ContactInput {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    errors[path] = 'Not a valid object.';
    return { name: null, title: null, phones: [], emails: [] };
  }
  const fields = value as Record<string, unknown>;
  const local: FieldErrors = {};
  const contact = {
    name: optionalString(fields, 'name', local),
    title: optionalString(fields, 'title', local),
    phones: parseList(fields.phones, `${path}.phones`, errors, parsePhone),
    emails: parseList(fields.emails, `${path}.emails`, errors, parseEmail),
  };
  for (const [key, message] of Object.entries(local)) errors[`${path}.${key}`] = message;
  return contact;
}

function parseList<T>(
  value: unknown,
  path: string,
  errors: FieldErrors,
  parse: (item: Record<string, unknown>) => T | string,
): T[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) {
    errors[path] = 'Not a valid list.';
    return [];
  }
  const items: T[] = [];
  for (const [index, item] of value.entries()) {
    const parsed =
      typeof item === 'object' && item !== null ? parse(item as Record<string, unknown>) : 'Not a valid object.';
    if (typeof parsed === 'string') errors[`${path}.${index}`] = parsed;
    else items.push(parsed);
  }
  return items;
}

function parsePhone(item: Record<string, unknown>): ContactPhoneRecord | string {
  if (typeof item.phone !== 'string') return 'phone: Not a valid string.';
  if (item.type !== undefined && typeof item.type !== 'string') return 'type: Not a valid string.';
  const parsed = normalizePhone(item.phone, ACCOUNT_COUNTRY);
  if (!parsed) return `phone: "${item.phone}" is not a valid phone number.`;
  return {
    phone: parsed.e164,
    phone_formatted: parsed.formatted,
    type: typeof item.type === 'string' ? item.type : 'office',
    country: parsed.country,
    outbound_sms_blocked: false,
    tz_ids: tzIdsFor(parsed.e164),
  };
}

function parseEmail(item: Record<string, unknown>): ContactEmailRecord | string {
  if (typeof item.email !== 'string' || !item.email.includes('@')) return 'email: Enter a valid email address.';
  return {
    email: item.email,
    type: typeof item.type === 'string' ? item.type : 'office',
    is_unsubscribed: false,
  };
}
