import { contactView } from './crm-views';
import { plainError } from './http-errors';
import { normalizePhone } from './phones';
import { pickFields } from './query';
import type { Route, RouteContext, RouteResult } from './routing';

/**
 * POST /data/search/ (Advanced Filtering), reduced to the one query the extension sends: contacts having a phone
 * equal to a number, or to any of several (an `or` of the same condition inside `has_related`; close-api.md §2.4).
 * Any other query shape is refused with 400 so a client drifting from it notices here rather than against Close.
 */
export const SEARCH_ROUTES: Route[] = [{ method: 'POST', template: '/data/search/', handler: searchContacts }];

const DEFAULT_CONTACT_FIELDS = ['id', 'lead_id', 'display_name', 'name', 'phones'];

function searchContacts(ctx: RouteContext): RouteResult {
  const body = asObject(ctx.body);
  if (!body) throw plainError(400, 'The request body must be a JSON object with a "query".');
  const phones = contactPhoneQuery(body.query);
  if (phones === null) {
    throw plainError(
      400,
      'Unsupported query: the stand-in understands only an "and" of object_type contact and has_related contact_phone (exact_value, or an "or" of them).',
    );
  }
  const fields = contactFields(body._fields);
  const limit = resultsLimit(body.results_limit);
  const pageSize = pageLimit(body._limit, ctx.state.searchPageSize);
  const offset = cursorOffset(body.cursor);
  const numbers = phones.map((phone) => normalizePhone(phone, 'US')?.e164).filter((e164) => e164 !== undefined);
  const now = ctx.now().getTime();
  // The index lags behind writes: a contact created a moment ago is not found yet (state.searchLagMs).
  const contacts = numbers
    .flatMap((e164) => ctx.state.contactPhones(e164).map(({ contact }) => contact))
    .filter((contact) => (ctx.state.searchIndexedAt.get(contact.id) ?? 0) <= now);
  const unique = [...new Map(contacts.map((contact) => [contact.id, contact])).values()].slice(0, limit);
  const slice = unique.slice(offset, offset + pageSize);
  const data = slice.map((contact) => ({ __object_type: 'contact', ...pickFields(contactView(contact), fields) }));
  const next = offset + slice.length;
  return { status: 200, body: { data, cursor: next < unique.length ? encodeCursor(next) : null } };
}

/** Opaque to clients, like Close's; the stand-in's is the offset of the next result. */
function encodeCursor(offset: number): string {
  return Buffer.from(JSON.stringify({ offset }), 'utf8').toString('base64url');
}

function cursorOffset(value: unknown): number {
  if (value === undefined || value === null || value === '') return 0;
  if (typeof value === 'string') {
    try {
      const parsed = JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as { offset?: unknown };
      if (typeof parsed.offset === 'number' && Number.isInteger(parsed.offset) && parsed.offset >= 0) {
        return parsed.offset;
      }
    } catch {
      // Falls through to the refusal.
    }
  }
  throw plainError(400, '"cursor" is not a cursor this search handed out.');
}

function pageLimit(value: unknown, fallback: number): number {
  if (value === undefined || value === null) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > 200) {
    throw plainError(400, '"_limit" must be an integer from 1 to 200.');
  }
  return value;
}

function asObject(value: unknown): Record<string, unknown> | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : null;
}

/** Returns the searched phones when the query has exactly the supported shape, else null. */
function contactPhoneQuery(query: unknown): string[] | null {
  const root = asObject(query);
  if (root?.type !== 'and' || !Array.isArray(root.queries) || root.queries.length !== 2) return null;
  const parts = root.queries.map(asObject);
  const hasObjectType = parts.some((part) => part?.type === 'object_type' && part.object_type === 'contact');
  const phones = parts.map(hasRelatedPhones).filter((found): found is string[] => found !== null);
  return hasObjectType && phones.length === 1 ? (phones[0] ?? null) : null;
}

function hasRelatedPhones(part: Record<string, unknown> | null): string[] | null {
  if (part?.type !== 'has_related') return null;
  if (part.this_object_type !== 'contact' || part.related_object_type !== 'contact_phone') return null;
  const related = asObject(part.related_query);
  if (related?.type !== 'or') {
    const phone = phoneCondition(related);
    return phone === null ? null : [phone];
  }
  if (!Array.isArray(related.queries) || related.queries.length === 0) return null;
  const phones = related.queries.map((q) => phoneCondition(asObject(q)));
  return phones.every((phone): phone is string => phone !== null) ? phones : null;
}

function phoneCondition(related: Record<string, unknown> | null): string | null {
  const field = asObject(related?.field);
  const condition = asObject(related?.condition);
  const fieldOk =
    related?.type === 'field_condition' &&
    field?.type === 'regular_field' &&
    field.object_type === 'contact_phone' &&
    field.field_name === 'phone';
  const conditionOk = condition?.type === 'text' && condition.mode === 'exact_value';
  return fieldOk && conditionOk && typeof condition.value === 'string' ? condition.value : null;
}

function contactFields(value: unknown): string[] {
  if (value === undefined || value === null) return DEFAULT_CONTACT_FIELDS;
  const contact = asObject(value)?.contact;
  if (contact === undefined) return DEFAULT_CONTACT_FIELDS;
  if (!Array.isArray(contact) || !contact.every((field) => typeof field === 'string')) {
    throw plainError(400, '"_fields.contact" must be a list of field names.');
  }
  return contact;
}

function resultsLimit(value: unknown): number {
  if (value === undefined || value === null) return Number.POSITIVE_INFINITY;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    throw plainError(400, '"results_limit" must be a non-negative integer.');
  }
  return value;
}
