/**
 * The one Close API client. Only the background service worker builds it, since
 * it holds the API key; everything else reaches Close through messages.
 */
import type { z } from 'zod/mini';
import { createLeadSafely, type LeadAttempts, type SafeLeadDeps } from './create-lead-safely';
import { CloseApiError } from './errors';
import { assertCloseId, assertE164 } from './ids';
import { type CloseRequest, createRequester, type RequestOptions, type RetryPolicy } from './request';
import {
  type BlockedPhoneNumber,
  blockedPhoneNumberPageSchema,
  blockedPhoneNumberSchema,
  type CloseUser,
  type Contact,
  type CreateSmsBody,
  contactSearchSchema,
  createBlockedPhoneNumberBodySchema,
  createLeadBodySchema,
  createSmsBodySchema,
  emptySchema,
  type Lead,
  leadSchema,
  meSchema,
  type PhoneNumber,
  phoneNumberPageSchema,
  type SmsActivity,
  type SmsPage,
  type SmsTemplate,
  smsActivitySchema,
  smsPageSchema,
  smsTemplatePageSchema,
  type UpdateSmsBody,
  updateSmsBodySchema,
} from './schemas';
import { createSmsSafely, isSendStatus, type SafeSendDeps, sendDraftSafely } from './send-safely';

export interface CloseClientOptions extends RequestOptions {
  /** How long Close's contact search may take to show a lead just created (default 10 s); see create-lead-safely.ts. */
  searchLagMs?: number;
}

export interface SmsFilter {
  lead_id?: string;
  contact_id?: string;
  user_id?: string;
  date_created__gt?: string;
  date_created__lt?: string;
  _skip?: number;
  _limit?: number;
  _fields?: readonly string[];
}

export interface NewLeadInput {
  name?: string;
  contactName?: string;
  /** E.164. */
  phone: string;
}

export interface CloseClient {
  listSms(filter?: SmsFilter): Promise<SmsPage>;
  /** Every matching SMS, following pages while Close says `has_more`. */
  iterateSms(filter?: SmsFilter): AsyncGenerator<SmsActivity, void, undefined>;
  /**
   * Never sends a text twice (see send-safely.ts): resolves to the one SMS that exists for this send, or throws a
   * CloseApiError, with `outcomeUnknown: true` only when it may have gone out and could not be checked.
   */
  createSms(body: CreateSmsBody): Promise<SmsActivity>;
  getSms(id: string): Promise<SmsActivity>;
  /** PUT is a partial update in Close. Moving a draft to outbox/scheduled sends it. */
  updateSms(id: string, patch: UpdateSmsBody): Promise<SmsActivity>;
  deleteSms(id: string): Promise<void>;
  me(): Promise<CloseUser>;
  /** Every number the user takes part in, any type. */
  phoneNumbers(userId: string): Promise<PhoneNumber[]>;
  /** The user's numbers that can send SMS: Close-owned (`internal`) and SMS-enabled. */
  smsPhoneNumbers(userId: string): Promise<PhoneNumber[]>;
  /** Active templates only, all pages. */
  smsTemplates(): Promise<SmsTemplate[]>;
  /** `fields` are added to the ones the schema needs (id, display_name, contacts). */
  getLead(id: string, fields?: readonly string[]): Promise<Lead>;
  findContactsByPhone(e164: string): Promise<Contact[]>;
  /**
   * Contacts having any of these numbers: one search per PHONES_PER_SEARCH numbers (an `or` of phone
   * conditions), one after another so a page of many numbers never bursts Close's search limit.
   */
  findContactsByPhones(e164s: readonly string[]): Promise<Contact[]>;
  /** Never two leads for one request or its retry: see create-lead-safely.ts. */
  createLead(input: NewLeadInput): Promise<Lead>;
  /** The organization's whole blocked list (Close has no filter by phone), all pages. */
  blockedPhoneNumbers(): Promise<BlockedPhoneNumber[]>;
  /** Adds an organization-wide block; a number already blocked answers as Close does (a 400). */
  blockPhoneNumber(input: { phone: string; reason: string }): Promise<BlockedPhoneNumber>;
}

const PAGE_SIZE = 100;
/** Numbers per batched contact search: 200 numbers on a page cost 8 searches. */
export const PHONES_PER_SEARCH = 25;
/** Search results for one phone number are few; the cap only stops a runaway cursor. */
const MAX_SEARCH_PAGES = 10;

const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:?\d{2})$/;
const SMS_REQUIRED_FIELDS = ['id', 'status', 'date_created'];
const LEAD_FIELDS = ['id', 'display_name', 'name', 'contacts', 'addresses'];
const CONTACT_FIELDS = ['id', 'lead_id', 'name', 'display_name', 'phones', 'timezone'];
/** Close's page limit; a 5,000-number blocked list is 50 requests, which is why it is cached (compliance-facts.ts). */
const BLOCKED_PAGE_SIZE = 100;
/** A runaway `has_more` must not page forever: 200 pages is 20,000 numbers. */
const MAX_BLOCKED_PAGES = 200;
const ME_FIELDS = ['id', 'first_name', 'last_name', 'email', 'organizations', 'last_used_timezone'];

/**
 * The bucket Close counts a call in. Close groups routes; the one grouping it documents is POST and PUT on
 * /activity/ sharing a bucket (close-api.md §3.5), so a 429 on a send also holds back the Undo that follows it.
 */
function rateLimitGroup(method: string, template: string): string {
  if ((method === 'POST' || method === 'PUT') && template.startsWith('activity')) return 'POST/PUT activity/';
  return `${method} ${template}`;
}

/** Every method is async so that an input check fails as a rejected promise, never as a synchronous throw. */
export function createCloseClient(options: CloseClientOptions): CloseClient {
  const requester = createRequester(options);

  function call<T>(
    method: CloseRequest<T>['method'],
    template: string,
    path: string,
    schema: z.ZodMiniType<T>,
    extra: { query?: CloseRequest<T>['query']; body?: unknown; retry?: RetryPolicy } = {},
  ): Promise<T> {
    const retry = extra.retry ?? (method === 'GET' ? 'repeatable' : 'once');
    return requester.send({ method, path, group: rateLimitGroup(method, template), schema, ...extra, retry });
  }

  const smsPath = (id: string) => `activity/sms/${assertCloseId('activity', id, 'id')}/`;

  async function listSms(filter: SmsFilter = {}): Promise<SmsPage> {
    return call('GET', 'activity/sms', 'activity/sms/', smsPageSchema, { query: smsQuery(filter) });
  }

  async function* iterateSms(filter: SmsFilter = {}): AsyncGenerator<SmsActivity, void, undefined> {
    const limit = filter._limit ?? PAGE_SIZE;
    let skip = filter._skip ?? 0;
    for (;;) {
      const page = await listSms({ ...filter, _skip: skip, _limit: limit });
      yield* page.data;
      // Advance by what actually came back: Close may cap `_limit` below what we asked for.
      if (!page.has_more || page.data.length === 0) return;
      skip += page.data.length;
    }
  }

  const postSms = (body: CreateSmsBody) => call('POST', 'activity/sms', 'activity/sms/', smsActivitySchema, { body });

  const getSms = async (id: string) => call('GET', 'activity/sms/{id}', smsPath(id), smsActivitySchema);

  const putSms = async (id: string, patch: UpdateSmsBody, retry: RetryPolicy) =>
    call('PUT', 'activity/sms/{id}', smsPath(id), smsActivitySchema, { body: patch, retry });

  const safeSend: SafeSendDeps = {
    create: postSms,
    update: (id, patch) => putSms(id, patch, 'once'),
    get: getSms,
    remove: (id) => deleteSms(id),
    listCreatedSince: (filter) => iterateSms(filter),
    now: requester.now,
    toServerTime: requester.toServerTime,
    sleep: requester.sleep,
  };

  async function createSms(body: CreateSmsBody): Promise<SmsActivity> {
    return createSmsSafely(safeSend, checkSmsBody(createSmsBodySchema, body));
  }

  async function updateSms(id: string, patch: UpdateSmsBody): Promise<SmsActivity> {
    assertCloseId('activity', id, 'id');
    const checked = checkSmsBody(updateSmsBodySchema, patch);
    // Plain edits of a draft are idempotent and may be repeated; a send goes through the careful path.
    if (isSendStatus(checked.status)) return sendDraftSafely(safeSend, id, checked);
    return putSms(id, checked, 'repeatable');
  }

  async function deleteSms(id: string): Promise<void> {
    await call('DELETE', 'activity/sms/{id}', smsPath(id), emptySchema, { retry: 'delete' });
  }

  const me = async () => call('GET', 'me', 'me/', meSchema, { query: { _fields: ME_FIELDS.join(',') } });

  async function phoneNumbers(userId: string): Promise<PhoneNumber[]> {
    const participant = assertCloseId('user', userId);
    return collectPages((skip) =>
      call('GET', 'phone_number', 'phone_number/', phoneNumberPageSchema, {
        query: { participant_user_id: participant, _skip: skip, _limit: PAGE_SIZE },
      }),
    );
  }

  async function smsPhoneNumbers(userId: string): Promise<PhoneNumber[]> {
    return (await phoneNumbers(userId)).filter((number) => number.type === 'internal' && number.sms_enabled);
  }

  async function smsTemplates(): Promise<SmsTemplate[]> {
    const all = await collectPages((skip) =>
      call('GET', 'sms_template', 'sms_template/', smsTemplatePageSchema, {
        query: { _skip: skip, _limit: PAGE_SIZE },
      }),
    );
    // Close has no status filter on this list (close-api.md §2.3).
    return all.filter((template) => template.status !== 'archived');
  }

  async function getLead(id: string, fields: readonly string[] = []): Promise<Lead> {
    const path = `lead/${assertCloseId('lead', id, 'id')}/`;
    const wanted = [...new Set([...LEAD_FIELDS, ...fields])].join(',');
    return call('GET', 'lead/{id}', path, leadSchema, { query: { _fields: wanted } });
  }

  async function findContactsByPhone(e164: string): Promise<Contact[]> {
    return searchContacts(contactSearchBody([assertE164(e164, 'phone')]));
  }

  async function findContactsByPhones(e164s: readonly string[]): Promise<Contact[]> {
    const unique = [...new Set(e164s.map((n) => assertE164(n, 'phone')))];
    const contacts: Contact[] = [];
    for (let i = 0; i < unique.length; i += PHONES_PER_SEARCH) {
      contacts.push(...(await searchContacts(contactSearchBody(unique.slice(i, i + PHONES_PER_SEARCH)))));
    }
    return contacts;
  }

  async function searchContacts(body: ReturnType<typeof contactSearchBody>): Promise<Contact[]> {
    const contacts: Contact[] = [];
    let cursor: string | null | undefined;
    for (let page = 0; page < MAX_SEARCH_PAGES; page++) {
      const result = await call('POST', 'data/search', 'data/search/', contactSearchSchema, {
        body: cursor ? { ...body, cursor } : body,
        // A search only reads, so it can be repeated like a GET.
        retry: 'repeatable',
      });
      contacts.push(...result.data);
      cursor = result.cursor;
      if (!cursor || result.data.length === 0) break;
    }
    return contacts;
  }

  async function createLead(input: NewLeadInput): Promise<Lead> {
    const phone = assertE164(input.phone, 'phone');
    const contact = { ...(input.contactName ? { name: input.contactName } : {}), phones: [{ phone, type: 'mobile' }] };
    const body = checkBody(createLeadBodySchema, {
      ...(input.name ? { name: input.name } : {}),
      contacts: [contact],
    });
    return createLeadSafely(leadDeps, leadAttempts, phone, body);
  }

  const leadAttempts: LeadAttempts = new Map();
  const leadDeps: SafeLeadDeps = {
    post: (body) => call('POST', 'lead', 'lead/', leadSchema, { body }),
    search: findContactsByPhone,
    getLead: (id) => getLead(id),
    deleteLead: async (id) => {
      await call('DELETE', 'lead/{id}', `lead/${assertCloseId('lead', id, 'id')}/`, emptySchema, { retry: 'delete' });
    },
    now: requester.now,
    sleep: requester.sleep,
    searchLagMs: options.searchLagMs ?? 10_000,
  };

  async function blockedPhoneNumbers(): Promise<BlockedPhoneNumber[]> {
    const all: BlockedPhoneNumber[] = [];
    for (let pageNo = 0; pageNo < MAX_BLOCKED_PAGES; pageNo++) {
      const page = await call('GET', 'blocked_phone_number', 'blocked_phone_number/', blockedPhoneNumberPageSchema, {
        query: { _skip: all.length, _limit: BLOCKED_PAGE_SIZE, _fields: 'id,phone,reason' },
      });
      all.push(...page.data);
      if (!page.has_more || page.data.length === 0) return all;
    }
    throw new CloseApiError('server', 'Close kept answering more blocked numbers than the extension can check.');
  }

  async function blockPhoneNumber(input: { phone: string; reason: string }): Promise<BlockedPhoneNumber> {
    const body = checkBody(createBlockedPhoneNumberBodySchema, { ...input, phone: assertE164(input.phone, 'phone') });
    // 'once': a repeated POST of the same block is refused by Close as a duplicate, which is harmless.
    return call('POST', 'blocked_phone_number', 'blocked_phone_number/', blockedPhoneNumberSchema, { body });
  }

  return {
    blockedPhoneNumbers,
    blockPhoneNumber,
    listSms,
    iterateSms,
    createSms,
    getSms,
    updateSms,
    deleteSms,
    me,
    phoneNumbers,
    smsPhoneNumbers,
    smsTemplates,
    getLead,
    findContactsByPhone,
    findContactsByPhones,
    createLead,
  };
}

async function collectPages<T>(fetchPage: (skip: number) => Promise<{ data: T[]; has_more: boolean }>): Promise<T[]> {
  const all: T[] = [];
  for (;;) {
    const page = await fetchPage(all.length);
    all.push(...page.data);
    if (!page.has_more || page.data.length === 0) return all;
  }
}

function smsQuery(filter: SmsFilter): Record<string, string | number | undefined> {
  if (filter.lead_id !== undefined) assertCloseId('lead', filter.lead_id);
  if (filter.contact_id !== undefined) assertCloseId('contact', filter.contact_id);
  if (filter.user_id !== undefined) assertCloseId('user', filter.user_id);
  const fields = filter._fields ? [...new Set([...SMS_REQUIRED_FIELDS, ...filter._fields])].join(',') : undefined;
  return {
    lead_id: filter.lead_id,
    contact_id: filter.contact_id,
    user_id: filter.user_id,
    date_created__gt: filter.date_created__gt,
    date_created__lt: filter.date_created__lt,
    _skip: filter._skip,
    _limit: filter._limit,
    _fields: fields,
  };
}

/**
 * Shape from close-api.md §2.4: contacts having a phone equal to the number; for several numbers, the
 * related query is an `or` of the same condition (Advanced Filtering nests `and`/`or` anywhere).
 */
function contactSearchBody(e164s: string[]) {
  const phoneIs = (value: string) => ({
    type: 'field_condition',
    field: { type: 'regular_field', object_type: 'contact_phone', field_name: 'phone' },
    condition: { type: 'text', mode: 'exact_value', value },
  });
  return {
    query: {
      type: 'and',
      queries: [
        { type: 'object_type', object_type: 'contact' },
        {
          type: 'has_related',
          this_object_type: 'contact',
          related_object_type: 'contact_phone',
          related_query: e164s.length === 1 ? phoneIs(e164s[0] as string) : { type: 'or', queries: e164s.map(phoneIs) },
        },
      ],
    },
    _fields: { contact: CONTACT_FIELDS },
  };
}

interface SmsBodyCommon {
  status?: string | undefined;
  lead_id?: string | null | undefined;
  contact_id?: string | null | undefined;
  user_id?: string | null | undefined;
  local_phone?: string | null | undefined;
  remote_phone?: string | null | undefined;
  date_scheduled?: string | null | undefined;
}

/** Checks what Close would otherwise refuse with a vaguer message, or worse, accept wrongly. */
function checkSmsBody<T extends SmsBodyCommon>(schema: z.ZodMiniType<T>, body: unknown): T {
  const checked = checkBody(schema, body);
  if (checked.lead_id != null) assertCloseId('lead', checked.lead_id);
  if (checked.contact_id != null) assertCloseId('contact', checked.contact_id);
  if (checked.user_id != null) assertCloseId('user', checked.user_id);
  if (checked.local_phone != null) assertE164(checked.local_phone, 'local_phone');
  if (checked.remote_phone != null) assertE164(checked.remote_phone, 'remote_phone');
  if (checked.status === 'scheduled' && !checked.date_scheduled) {
    throw new CloseApiError('invalid-input', 'Pick a date and time to schedule the text.', {
      fieldErrors: { date_scheduled: 'required when status is scheduled' },
    });
  }
  // Without an offset Close reads the time in X-TZ-Offset's zone; an explicit offset can't be misread.
  if (checked.date_scheduled && !ISO_WITH_OFFSET.test(checked.date_scheduled)) {
    throw new CloseApiError('invalid-input', 'The scheduled time is not a full date and time.', {
      fieldErrors: { date_scheduled: 'expected ISO 8601 with an offset, e.g. 2026-05-05T16:00:00+00:00' },
    });
  }
  return checked;
}

/** Catches a malformed body here, with the field named, instead of as a 400 from Close. */
function checkBody<T>(schema: z.ZodMiniType<T>, body: unknown): T {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const unknownKeys = issue?.code === 'unrecognized_keys' ? issue.keys.join(', ') : '';
  const field = unknownKeys || issue?.path.map(String).join('.') || '(body)';
  throw new CloseApiError('invalid-input', `The extension built a request Close would refuse ("${field}").`, {
    fieldErrors: { [field]: issue?.message ?? 'invalid' },
  });
}
