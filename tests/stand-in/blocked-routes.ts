import { closeDate } from './dates';
import { notFound, validationError } from './http-errors';
import { parseE164 } from './phones';
import { page, parseFields, parsePaging, pickFields } from './query';
import type { Route, RouteContext, RouteResult } from './routing';
import type { BlockedPhoneNumberRecord } from './types';

/**
 * `/blocked_phone_number/` as Close's OpenAPI describes it: list (offset-paged, no filter by phone), create (201),
 * get, update the reason, delete (204). A number blocked twice is refused, so a repeated POST is harmless.
 */
export const BLOCKED_ROUTES: Route[] = [
  { method: 'GET', template: '/blocked_phone_number/', handler: list },
  { method: 'POST', template: '/blocked_phone_number/', handler: create },
  { method: 'GET', template: '/blocked_phone_number/{id}/', handler: get },
  { method: 'PUT', template: '/blocked_phone_number/{id}/', handler: update },
  { method: 'DELETE', template: '/blocked_phone_number/{id}/', handler: remove },
];

function list(ctx: RouteContext): RouteResult {
  const result = page([...ctx.state.blockedNumbers.values()], parsePaging(ctx.query));
  const fields = parseFields(ctx.query);
  return { status: 200, body: { ...result, data: result.data.map((b) => pickFields(b, fields)) } };
}

function create(ctx: RouteContext): RouteResult {
  const body = (ctx.body ?? {}) as Record<string, unknown>;
  const phone = typeof body.phone === 'string' ? body.phone : '';
  const reason = typeof body.reason === 'string' ? body.reason : '';
  if (!parseE164(phone)) throw validationError({ phone: 'Enter a valid phone number in E.164 format.' });
  if (!reason.trim()) throw validationError({ reason: 'This field is required.' });
  if ([...ctx.state.blockedNumbers.values()].some((b) => b.phone === phone)) {
    throw validationError({ phone: 'This phone number is already blocked.' });
  }
  const record = ctx.state.blockPhone(phone, reason, ctx.now());
  return { status: 201, body: record };
}

function find(ctx: RouteContext): BlockedPhoneNumberRecord {
  const record = ctx.state.blockedNumbers.get(ctx.params.id ?? '');
  if (!record) throw notFound('Blocked phone number');
  return record;
}

function get(ctx: RouteContext): RouteResult {
  return { status: 200, body: pickFields(find(ctx), parseFields(ctx.query)) };
}

function update(ctx: RouteContext): RouteResult {
  const record = find(ctx);
  const reason = (ctx.body as Record<string, unknown> | undefined)?.reason;
  if (typeof reason !== 'string' || !reason.trim()) throw validationError({ reason: 'This field is required.' });
  record.reason = reason;
  record.date_updated = closeDate(ctx.now());
  return { status: 200, body: record };
}

function remove(ctx: RouteContext): RouteResult {
  ctx.state.blockedNumbers.delete(find(ctx).id);
  return { status: 204, body: {} };
}
