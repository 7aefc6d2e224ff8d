import { contactView, leadView, meView } from './crm-views';
import { closeDate } from './dates';
import { notFound, validationError } from './http-errors';
import { isIdOfKind } from './ids';
import { createLead } from './lead-create';
import { page, parseFields, parseIdList, parsePaging, pickFields } from './query';
import type { Route, RouteContext, RouteResult } from './routing';

/** Read-mostly CRM endpoints the extension needs around sending: who am I, my numbers, templates, leads, contacts. */
export const CRM_ROUTES: Route[] = [
  { method: 'GET', template: '/me/', handler: getMe },
  { method: 'GET', template: '/phone_number/', handler: listPhoneNumbers },
  { method: 'GET', template: '/phone_number/{id}/', handler: getPhoneNumber },
  { method: 'GET', template: '/sms_template/', handler: listSmsTemplates },
  { method: 'GET', template: '/sms_template/{id}/', handler: getSmsTemplate },
  { method: 'POST', template: '/lead/', handler: postLead },
  { method: 'GET', template: '/lead/{id}/', handler: getLead },
  { method: 'DELETE', template: '/lead/{id}/', handler: deleteLead },
  { method: 'GET', template: '/contact/', handler: listContacts },
  { method: 'GET', template: '/contact/{id}/', handler: getContact },
  { method: 'PUT', template: '/contact/{id}/', handler: putContact },
];

function ok(body: unknown): RouteResult {
  return { status: 200, body };
}

function getMe(ctx: RouteContext): RouteResult {
  return ok(pickFields(meView(ctx.state), parseFields(ctx.query)));
}

/**
 * `participant_user_id` is the current filter; `user_id` and `is_group_number` are deprecated (2026-07-21) but still
 * in the published spec, so both are honoured.
 */
function listPhoneNumbers(ctx: RouteContext): RouteResult {
  const { query, state } = ctx;
  const paging = parsePaging(query);
  const participant = parseIdList(query, 'participant_user_id', 'user')?.[0];
  const owner = parseIdList(query, 'user_id', 'user')?.[0];
  const number = query.get('number');
  const group = query.get('is_group_number');
  const matches = state.phoneNumbers.filter(
    (item) =>
      (!participant || item.participants.includes(participant)) &&
      (!owner || item.user_id === owner) &&
      (!number || item.number === number) &&
      (group === null || String(item.is_group_number) === group),
  );
  const fields = parseFields(query);
  const result = page(matches, paging);
  return ok({ ...result, data: result.data.map((item) => pickFields(item, fields)) });
}

function getPhoneNumber(ctx: RouteContext): RouteResult {
  const number = ctx.state.phoneNumbers.find((item) => item.id === ctx.params.id);
  if (!number) throw notFound('Phone number');
  return ok(pickFields(number, parseFields(ctx.query)));
}

/** Lists archived templates too: Close has no status filter, so hiding them is the client's job. */
function listSmsTemplates(ctx: RouteContext): RouteResult {
  const paging = parsePaging(ctx.query);
  return ok(page([...ctx.state.templates.values()], paging));
}

function getSmsTemplate(ctx: RouteContext): RouteResult {
  const template = ctx.state.templates.get(ctx.params.id ?? '');
  if (!template) throw notFound('SMS template');
  return ok(template);
}

function postLead(ctx: RouteContext): RouteResult {
  const lead = createLead(ctx.state, ctx.body ?? {}, ctx.now());
  return ok(leadView(ctx.state, lead));
}

function getLead(ctx: RouteContext): RouteResult {
  const lead = ctx.state.leads.get(ctx.params.id ?? '');
  if (!lead) throw notFound('Lead');
  return ok(pickFields(leadView(ctx.state, lead), parseFields(ctx.query)));
}

/** Deletes the lead and its contacts (Close deletes the lead's activities too; the stand-in keeps the SMS). */
function deleteLead(ctx: RouteContext): RouteResult {
  const lead = ctx.state.leads.get(ctx.params.id ?? '');
  if (!lead) throw notFound('Lead');
  for (const contact of ctx.state.contactsOfLead(lead.id)) {
    ctx.state.contacts.delete(contact.id);
    ctx.state.searchIndexedAt.delete(contact.id);
  }
  ctx.state.leads.delete(lead.id);
  return ok({});
}

function listContacts(ctx: RouteContext): RouteResult {
  const { query, state } = ctx;
  const paging = parsePaging(query);
  const leadId = query.get('lead_id');
  if (leadId !== null && !isIdOfKind(leadId, 'lead')) {
    throw validationError({ lead_id: `"${leadId}" is not a valid lead_ id.` });
  }
  const contacts = leadId ? state.contactsOfLead(leadId) : [...state.contacts.values()];
  const fields = parseFields(query);
  const result = page(contacts, paging);
  return ok({ ...result, data: result.data.map((contact) => pickFields(contactView(contact), fields)) });
}

function getContact(ctx: RouteContext): RouteResult {
  const contact = ctx.state.contacts.get(ctx.params.id ?? '');
  if (!contact) throw notFound('Contact');
  return ok(pickFields(contactView(contact), parseFields(ctx.query)));
}

/** Partial update of the fields the extension's tests set: `name` and `timezone` (an IANA id, or null). */
function putContact(ctx: RouteContext): RouteResult {
  const contact = ctx.state.contacts.get(ctx.params.id ?? '');
  if (!contact) throw notFound('Contact');
  const body = (ctx.body ?? {}) as Record<string, unknown>;
  if ('timezone' in body) {
    if (body.timezone !== null && typeof body.timezone !== 'string') {
      throw validationError({ timezone: 'Not a valid string.' });
    }
    // Close stores what it is given; an id no zone database knows is the client's problem (and the tests').
    contact.timezone = body.timezone;
    contact.timezone_source = body.timezone === null ? null : 'manual';
  }
  if (typeof body.name === 'string') {
    contact.name = body.name;
    contact.display_name = body.name;
  }
  contact.date_updated = closeDate(ctx.now());
  return ok(contactView(contact));
}
