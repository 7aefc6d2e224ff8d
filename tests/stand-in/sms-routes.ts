import { notFound } from './http-errors';
import { page, parseDateFilter, parseFields, parseIdList, parsePaging, pickFields } from './query';
import type { Route, RouteContext, RouteResult } from './routing';
import { createSms } from './sms-create';
import { parseSmsInput } from './sms-input';
import { updateSms } from './sms-update';
import type { SmsRecord } from './types';

export const SMS_ROUTES: Route[] = [
  { method: 'GET', template: '/activity/sms/', handler: listSms },
  { method: 'POST', template: '/activity/sms/', handler: postSms },
  { method: 'GET', template: '/activity/sms/{id}/', handler: getSms },
  { method: 'PUT', template: '/activity/sms/{id}/', handler: putSms },
  { method: 'DELETE', template: '/activity/sms/{id}/', handler: deleteSms },
];

type Predicate = (sms: SmsRecord) => boolean;

const DATE_FILTERS: { suffix: string; test: (value: number, bound: number) => boolean }[] = [
  { suffix: 'gt', test: (value, bound) => value > bound },
  { suffix: 'gte', test: (value, bound) => value >= bound },
  { suffix: 'lt', test: (value, bound) => value < bound },
  { suffix: 'lte', test: (value, bound) => value <= bound },
];

/** Newest first by `date_created`, like Close; status and direction are not filterable there either. */
function listSms(ctx: RouteContext): RouteResult {
  const paging = parsePaging(ctx.query);
  const predicates = listPredicates(ctx);
  const matches = ctx.state
    .smsList()
    .reverse()
    .filter((sms) => predicates.every((predicate) => predicate(sms)))
    .sort((a, b) => Date.parse(b.date_created) - Date.parse(a.date_created));
  const fields = parseFields(ctx.query);
  const result = page(matches, paging);
  return { status: 200, body: { ...result, data: result.data.map((sms) => pickFields(sms, fields)) } };
}

function listPredicates(ctx: RouteContext): Predicate[] {
  const { query } = ctx;
  const predicates: Predicate[] = [];
  const inList = (ids: string[] | null, pick: (sms: SmsRecord) => string | null) => {
    if (ids) predicates.push((sms) => ids.includes(pick(sms) ?? ''));
  };
  inList(parseIdList(query, 'id__in', 'acti'), (sms) => sms.id);
  inList(parseIdList(query, 'lead_id', 'lead'), (sms) => sms.lead_id);
  inList(parseIdList(query, 'contact_id', 'cont'), (sms) => sms.contact_id);
  inList(parseIdList(query, 'user_id', 'user'), (sms) => sms.user_id);
  inList(parseIdList(query, 'organization_id', 'orga'), (sms) => sms.organization_id);
  for (const field of ['date_created', 'activity_at'] as const) {
    for (const { suffix, test } of DATE_FILTERS) {
      const bound = parseDateFilter(query, `${field}__${suffix}`, ctx.tzOffsetHours);
      if (bound) predicates.push((sms) => sms[field] !== null && test(Date.parse(sms[field] ?? ''), bound.getTime()));
    }
  }
  return predicates;
}

function postSms(ctx: RouteContext): RouteResult {
  const input = parseSmsInput(ctx.body ?? {}, 'create');
  return { status: 200, body: createSms(ctx, input) };
}

function findSms(ctx: RouteContext): SmsRecord {
  const sms = ctx.state.sms.get(ctx.params.id ?? '');
  if (!sms) throw notFound('SMS activity');
  return sms;
}

function getSms(ctx: RouteContext): RouteResult {
  return { status: 200, body: pickFields(findSms(ctx), parseFields(ctx.query)) };
}

function putSms(ctx: RouteContext): RouteResult {
  const sms = findSms(ctx);
  const input = parseSmsInput(ctx.body ?? {}, 'update');
  return { status: 200, body: updateSms(ctx, sms, input) };
}

/** Deleting stops a send that is still waiting (scheduled, undo window), not one already handed to the carrier. */
function deleteSms(ctx: RouteContext): RouteResult {
  const sms = findSms(ctx);
  ctx.delivery.deleted(sms.id);
  ctx.state.sms.delete(sms.id);
  return { status: 200, body: {} };
}
