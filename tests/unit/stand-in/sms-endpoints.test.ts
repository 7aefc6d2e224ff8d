// @vitest-environment node
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { SEED, type StandIn, startStandIn } from '../../stand-in/server';
import type { SmsRecord, SmsStatus } from '../../stand-in/types';
import { call, inSeconds } from './http-client';

const SEND_DELAY_MS = 60;
/** One `send_in` second lasts 50 ms here. */
const SEND_IN_UNIT_MS = 50;

let stand: StandIn;

beforeAll(async () => {
  stand = await startStandIn({ sendDelayMs: SEND_DELAY_MS, sendInUnitMs: SEND_IN_UNIT_MS });
});
afterAll(() => stand.close());
beforeEach(() => stand.reset());

interface Page {
  data: SmsRecord[];
  has_more: boolean;
}

const { ana, raj, ben, carla, oliver, lena, chloe } = SEED.contacts;
const US = SEED.phoneNumbers.us.number;
const GB = SEED.phoneNumbers.gb.number;

/** An SMS to `contact` from the number that can text it. */
function smsTo(contact: { id: string; phone: string }, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    status: 'draft',
    text: `Hello ${contact.id}`,
    local_phone: contact.phone.startsWith('+44') ? GB : US,
    remote_phone: contact.phone,
    contact_id: contact.id,
    ...extra,
  };
}

const create = (body: unknown) => call<SmsRecord>(stand, 'POST', 'activity/sms/', { body });
const update = (id: string, body: unknown) => call<SmsRecord>(stand, 'PUT', `activity/sms/${id}/`, { body });
const fieldErrors = (body: unknown) => (body as { 'field-errors'?: Record<string, string> })['field-errors'] ?? {};
const errorOf = (body: unknown) => (body as { error?: unknown }).error;

async function waitForStatus(id: string, status: SmsStatus): Promise<SmsRecord> {
  await vi.waitFor(() => expect(stand.state.sms.get(id)?.status).toBe(status), { timeout: 3000, interval: 10 });
  const record = stand.state.sms.get(id);
  if (!record) throw new Error(`SMS ${id} disappeared`);
  return record;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('GET /activity/sms/', () => {
  it('lists the seeded SMS newest first, one in each status', async () => {
    const { status, body } = await call<Page>(stand, 'GET', 'activity/sms/');
    expect(status).toBe(200);
    expect(body.has_more).toBe(false);
    expect(body.data.map((sms) => sms.status)).toEqual(['scheduled', 'draft', 'error', 'inbox', 'sent']);
    const times = body.data.map((sms) => Date.parse(sms.date_created));
    expect(times).toEqual([...times].sort((a, b) => b - a));
  });

  it('filters by lead_id, contact_id, user_id and id__in (comma lists)', async () => {
    const ids = async (query: string) =>
      (await call<Page>(stand, 'GET', `activity/sms/?${query}`)).body.data.map((sms) => sms.id);
    expect(await ids(`lead_id=${SEED.leads.bayview.id}`)).toEqual([
      SEED.sms.draft.id,
      SEED.sms.inbox.id,
      SEED.sms.sent.id,
    ]);
    expect(await ids(`lead_id=${SEED.leads.thames.id},${SEED.leads.sunset.id}`)).toEqual([
      SEED.sms.scheduled.id,
      SEED.sms.error.id,
    ]);
    expect(await ids(`contact_id=${ana.id}`)).toEqual([SEED.sms.inbox.id, SEED.sms.sent.id]);
    expect(await ids(`user_id=${SEED.user.id}`)).toHaveLength(5);
    expect(await ids(`id__in=${SEED.sms.sent.id},${SEED.sms.error.id}`)).toEqual([SEED.sms.error.id, SEED.sms.sent.id]);
  });

  it('filters by date_created__gt/__gte/__lt/__lte', async () => {
    const draft = stand.state.sms.get(SEED.sms.draft.id);
    const at = encodeURIComponent(draft?.date_created ?? '');
    const statuses = async (filter: string) =>
      (await call<Page>(stand, 'GET', `activity/sms/?${filter}=${at}`)).body.data.map((sms) => sms.status);
    expect(await statuses('date_created__gt')).toEqual(['scheduled']);
    expect(await statuses('date_created__gte')).toEqual(['scheduled', 'draft']);
    expect(await statuses('date_created__lt')).toEqual(['error', 'inbox', 'sent']);
    expect(await statuses('date_created__lte')).toEqual(['draft', 'error', 'inbox', 'sent']);
  });

  it('accepts a plain date as a date filter', async () => {
    const { status, body } = await call<Page>(stand, 'GET', 'activity/sms/?date_created__gte=2000-01-01');
    expect(status).toBe(200);
    expect(body.data).toHaveLength(5);
  });

  it('pages with _skip/_limit and reports has_more', async () => {
    const first = await call<Page>(stand, 'GET', 'activity/sms/?_limit=2');
    const last = await call<Page>(stand, 'GET', 'activity/sms/?_limit=2&_skip=4');
    expect(first.body.data.map((sms) => sms.status)).toEqual(['scheduled', 'draft']);
    expect(first.body.has_more).toBe(true);
    expect(last.body.data.map((sms) => sms.status)).toEqual(['sent']);
    expect(last.body.has_more).toBe(false);
  });

  it('allows _limit=100 and refuses _limit=101 with a message', async () => {
    expect((await call(stand, 'GET', 'activity/sms/?_limit=100')).status).toBe(200);
    const refused = await call(stand, 'GET', 'activity/sms/?_limit=101');
    expect(refused.status).toBe(400);
    expect(fieldErrors(refused.body)._limit).toMatch(/100/);
  });

  it('trims objects to _fields', async () => {
    const { body } = await call<{ data: unknown[] }>(stand, 'GET', 'activity/sms/?_fields=id,status&_limit=1');
    expect(body.data).toEqual([{ id: SEED.sms.scheduled.id, status: 'scheduled' }]);
  });

  it.each([
    ['a contact id in lead_id', `lead_id=${ana.id}`, 'lead_id'],
    ['a lead id in contact_id', `contact_id=${SEED.leads.bayview.id}`, 'contact_id'],
    ['a bad date', 'date_created__gt=yesterday', 'date_created__gt'],
  ])('refuses %s with 400 field-errors', async (_name, query, field) => {
    const response = await call(stand, 'GET', `activity/sms/?${query}`);
    expect(response.status).toBe(400);
    expect(fieldErrors(response.body)[field]).toBeDefined();
  });
});

describe('POST /activity/sms/', () => {
  it('creates a draft with every field Close fills', async () => {
    const { status, body } = await create(smsTo(ana, { text: 'Draft for Ana' }));
    expect(status).toBe(200);
    expect(body).toMatchObject({
      _type: 'SMS',
      status: 'draft',
      direction: 'outbound',
      source: 'Close.io',
      text: 'Draft for Ana',
      local_phone: US,
      local_phone_formatted: '+1 415-666-0100',
      local_country_iso: 'US',
      remote_phone: ana.phone,
      remote_phone_formatted: '+1 650-666-0123',
      remote_country_iso: 'US',
      lead_id: SEED.leads.bayview.id,
      contact_id: ana.id,
      user_id: SEED.user.id,
      user_name: 'Maya Okafor',
      organization_id: SEED.organization.id,
      date_scheduled: null,
      date_sent: null,
      error_message: null,
      template_id: null,
      attachments: [],
    });
    expect(body.id).toMatch(/^acti_[0-9A-Za-z]{43}$/);
    expect(body.date_created).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}\+00:00$/);
    expect(stand.state.sms.get(body.id)).toEqual(body);
  });

  it('logs an inbound SMS with status inbox (direction defaults to inbound)', async () => {
    const { body } = await create(smsTo(ana, { status: 'inbox', text: 'Hi from Ana' }));
    expect(body).toMatchObject({ status: 'inbox', direction: 'inbound' });
  });

  it('logs an already sent SMS with status sent without sending anything', async () => {
    const { body } = await create(smsTo(ana, { status: 'sent', text: 'Sent elsewhere' }));
    expect(body.status).toBe('sent');
    expect(body.date_sent).not.toBeNull();
  });

  it('sends with status outbox: outbox → sent with date_sent', async () => {
    const text = `Hello Ana ${Date.now()}`;
    const { body } = await create(smsTo(ana, { status: 'outbox', text }));
    expect(body.status).toBe('outbox');
    const sent = await waitForStatus(body.id, 'sent');
    expect(sent.date_sent).not.toBeNull();
    expect(sent.error_message).toBeNull();
    expect(stand.state.smsByText(text).map((sms) => sms.status)).toEqual(['sent']);
  });

  it.each([
    ['a Canadian number from the US number', chloe, US],
    ['a GB mobile from the GB number', oliver, GB],
  ])('sends to %s', async (_name, contact, local) => {
    const { body } = await create(smsTo(contact, { status: 'outbox', local_phone: local }));
    await waitForStatus(body.id, 'sent');
  });

  it.each([
    ['a number with outbound_sms_blocked', ben, /blocked/],
    ['a landline', carla, /^The number \+1 212-666-0177 is a landline and cannot receive SMS\.$/],
  ])('ends in error when sending to %s', async (_name, contact, message) => {
    const { status, body } = await create(smsTo(contact, { status: 'outbox' }));
    expect(status).toBe(200);
    const failed = await waitForStatus(body.id, 'error');
    expect(failed.error_message).toMatch(message);
    expect(failed.date_sent).toBeNull();
  });

  it('honours a phone blocked after the SMS was queued', async () => {
    const { body } = await create(smsTo(ana, { status: 'outbox' }));
    const phone = stand.state.contacts.get(ana.id)?.phones[0];
    if (phone) phone.outbound_sms_blocked = true;
    expect((await waitForStatus(body.id, 'error')).error_message).toMatch(/blocked/);
  });

  it.each([
    ['a GB recipient from the US number', smsTo(oliver, { local_phone: US })],
    ['a German recipient (no number supports DE)', smsTo(lena, { local_phone: US })],
    ['the voice-only number', smsTo(ana, { local_phone: SEED.phoneNumbers.voiceOnly.number })],
    ['a number the organization does not own', smsTo(ana, { local_phone: '+14156660177' })],
  ])('refuses a local_phone that cannot text the recipient: %s', async (_name, body) => {
    for (const status of ['outbox', 'scheduled', 'draft']) {
      const response = await create({
        ...body,
        status,
        date_scheduled: status === 'scheduled' ? inSeconds(60) : undefined,
      });
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ errors: [], 'field-errors': { local_phone: expect.any(String) } });
    }
  });

  it.each([
    ['text', { text: 5 }],
    ['status', { status: 'bogus' }],
    ['lead_id', { lead_id: ana.id }],
    ['contact_id', { contact_id: SEED.leads.bayview.id }],
    ['template_id', { template_id: 'tmpl_x' }],
    ['remote_phone', { remote_phone: '650-666-0123' }],
    ['local_phone', { local_phone: 4156660100 }],
    ['date_scheduled', { status: 'scheduled', date_scheduled: '2030-01-01T10:00:00' }],
    ['send_in', { status: 'outbox', send_in: '5' }],
    ['direction', { direction: 'sideways' }],
    [
      'attachments',
      { attachments: [{ url: 'https://x/y.exe', filename: 'y.exe', content_type: 'application/x-msdownload' }] },
    ],
    ['date_schedule', { date_schedule: inSeconds(60) }],
  ])('refuses a bad %s with 400 field-errors', async (field, patch) => {
    const response = await create(smsTo(ana, patch));
    expect(response.status).toBe(400);
    expect(fieldErrors(response.body)[field]).toEqual(expect.any(String));
  });

  it('reports every bad field at once', async () => {
    const response = await create({ status: 'bogus', text: 5, lead_id: ana.id });
    expect(Object.keys(fieldErrors(response.body)).sort()).toEqual(['lead_id', 'status', 'text']);
  });

  it.each([
    ['no status', { text: 'x', lead_id: SEED.leads.bayview.id }, 'status'],
    ['no lead or contact', { status: 'draft', text: 'x' }, 'lead_id'],
    ['an unknown lead', { status: 'draft', lead_id: 'lead_unknown' }, 'lead_id'],
    ['a contact of another lead', { status: 'draft', lead_id: SEED.leads.harbor.id, contact_id: ana.id }, 'contact_id'],
    [
      'outbox without remote_phone',
      { status: 'outbox', text: 'x', contact_id: ana.id, local_phone: US },
      'remote_phone',
    ],
    ['outbox without text', smsTo(ana, { status: 'outbox', text: '' }), 'text'],
    ['scheduled without date_scheduled', smsTo(ana, { status: 'scheduled' }), 'date_scheduled'],
    ['scheduled in the past', smsTo(ana, { status: 'scheduled', date_scheduled: inSeconds(-60) }), 'date_scheduled'],
    ['send_in of 60 s', smsTo(ana, { status: 'outbox', send_in: 60 }), 'send_in'],
    ['send_in on a draft', smsTo(ana, { send_in: 5 }), 'send_in'],
  ])('refuses %s', async (_name, body, field) => {
    const response = await create(body);
    expect(response.status).toBe(400);
    expect(fieldErrors(response.body)[field]).toEqual(expect.any(String));
  });

  it('allows 1000 characters of text and refuses 1001', async () => {
    expect((await create(smsTo(ana, { text: 'x'.repeat(1000) }))).status).toBe(200);
    const tooLong = await create(smsTo(ana, { text: 'x'.repeat(1001) }));
    expect(tooLong.status).toBe(400);
    expect(fieldErrors(tooLong.body).text).toMatch(/1000/);
  });

  it('derives lead_id from contact_id', async () => {
    const { body } = await create({ status: 'draft', text: 'x', contact_id: raj.id });
    expect(body.lead_id).toBe(SEED.leads.bayview.id);
  });
});

describe('templates', () => {
  it('renders contact and user variables into text', async () => {
    const { body } = await create(smsTo(ana, { text: undefined, template_id: SEED.templates.intro.id }));
    expect(body.text).toBe('Hi Ana, this is Maya from Northwind Solar. Reply STOP to opt out.');
    expect(body.template_id).toBe(SEED.templates.intro.id);
  });

  it('renders contact.name and lead.display_name', async () => {
    const { body } = await create(smsTo(chloe, { text: undefined, template_id: SEED.templates.followUp.id }));
    expect(body.text).toBe('Hi Chloé Tremblay, any questions about the quote for Maple Leaf Outfitters?');
  });

  it('renders when a draft gets a template_id', async () => {
    const draft = await create(smsTo(ana, { text: 'placeholder' }));
    const { body } = await update(draft.body.id, { template_id: SEED.templates.intro.id });
    expect(body.text).toMatch(/^Hi Ana, this is Maya/);
  });

  it.each([
    ['an archived template', SEED.templates.archived.id, 'template_id'],
    ['an unknown template', 'smstmpl_unknown', 'template_id'],
  ])('refuses %s', async (_name, templateId, field) => {
    const response = await create(smsTo(ana, { text: undefined, template_id: templateId }));
    expect(response.status).toBe(400);
    expect(fieldErrors(response.body)[field]).toEqual(expect.any(String));
  });

  it('refuses a template needing a contact when the SMS names none', async () => {
    const response = await create({
      status: 'draft',
      lead_id: SEED.leads.bayview.id,
      template_id: SEED.templates.intro.id,
    });
    expect(response.status).toBe(400);
    expect(fieldErrors(response.body).contact_id).toMatch(/template/);
  });
});

describe('GET, PUT and DELETE /activity/sms/{id}/', () => {
  it('gets one SMS, trimmed by _fields', async () => {
    const full = await call<SmsRecord>(stand, 'GET', `activity/sms/${SEED.sms.error.id}/`);
    expect(full.body).toMatchObject({ status: 'error', error_message: expect.stringMatching(/landline/) });
    const trimmed = await call(stand, 'GET', `activity/sms/${SEED.sms.error.id}/?_fields=id,status`);
    expect(trimmed.body).toEqual({ id: SEED.sms.error.id, status: 'error' });
  });

  it.each(['GET', 'PUT', 'DELETE'])('%s answers 404 {error} for an unknown id', async (method) => {
    const response = await call(stand, method, 'activity/sms/acti_unknown/', {
      body: method === 'PUT' ? { text: 'x' } : undefined,
    });
    expect(response.status).toBe(404);
    expect(errorOf(response.body)).toEqual(expect.any(String));
  });

  it('answers 404 once a test deleted the SMS behind the client’s back', async () => {
    stand.state.sms.delete(SEED.sms.draft.id);
    expect((await call(stand, 'GET', `activity/sms/${SEED.sms.draft.id}/`)).status).toBe(404);
  });

  it('edits a draft (PUT behaves as PATCH)', async () => {
    const before = stand.state.sms.get(SEED.sms.draft.id)?.date_updated;
    await sleep(2);
    const { status, body } = await update(SEED.sms.draft.id, { text: 'Edited' });
    expect(status).toBe(200);
    expect(body).toMatchObject({ status: 'draft', text: 'Edited', remote_phone: raj.phone, contact_id: raj.id });
    expect(body.date_updated).not.toBe(before);
  });

  it('sends a draft with status outbox', async () => {
    const { body } = await update(SEED.sms.draft.id, { status: 'outbox' });
    expect(body.status).toBe('outbox');
    await waitForStatus(SEED.sms.draft.id, 'sent');
  });

  it('schedules a draft, then sends it at date_scheduled', async () => {
    // Far enough ahead that a busy machine still delivers the PUT before it.
    const when = new Date(Date.now() + 600);
    const { status, body } = await update(SEED.sms.draft.id, {
      status: 'scheduled',
      date_scheduled: when.toISOString(),
    });
    expect(status).toBe(200);
    expect(body.status).toBe('scheduled');
    expect(Date.parse(body.date_scheduled ?? '')).toBe(when.getTime());
    expect(stand.state.sms.get(body.id)?.status).toBe('scheduled');
    const sent = await waitForStatus(body.id, 'sent');
    expect(Date.parse(sent.date_sent ?? '')).toBeGreaterThanOrEqual(when.getTime());
  });

  it('refuses scheduled without a date, with a date in the past, or without an offset', async () => {
    for (const patch of [{}, { date_scheduled: inSeconds(-5) }, { date_scheduled: '2099-01-01T10:00:00' }]) {
      const response = await update(SEED.sms.draft.id, { status: 'scheduled', ...patch });
      expect(response.status).toBe(400);
      expect(fieldErrors(response.body).date_scheduled).toEqual(expect.any(String));
    }
  });

  it('cancels a scheduled SMS by setting status back to draft', async () => {
    const { body } = await update(SEED.sms.scheduled.id, { status: 'draft' });
    expect(body).toMatchObject({ status: 'draft', date_scheduled: null });
  });

  it('a cancelled scheduled SMS is never sent', async () => {
    const { body } = await update(SEED.sms.draft.id, { status: 'scheduled', date_scheduled: inSeconds(0.6) });
    await update(body.id, { status: 'draft' });
    await sleep(600 + SEND_DELAY_MS + 100);
    expect(stand.state.sms.get(body.id)?.status).toBe('draft');
  });

  it('refuses a draft → sent/inbox/error change', async () => {
    for (const status of ['sent', 'inbox', 'error']) {
      const response = await update(SEED.sms.draft.id, { status });
      expect(response.status).toBe(400);
      expect(fieldErrors(response.body).status).toEqual(expect.any(String));
    }
  });

  it.each([
    ['sent', SEED.sms.sent.id],
    ['inbox', SEED.sms.inbox.id],
    ['error', SEED.sms.error.id],
    ['scheduled', SEED.sms.scheduled.id],
  ])('refuses to modify a %s SMS with 400 {error}', async (_status, id) => {
    const response = await update(id, { text: 'Changed' });
    expect(response.status).toBe(400);
    expect(errorOf(response.body)).toMatch(/Only drafts/);
  });

  it('refuses to turn a sent SMS back into a draft', async () => {
    const response = await update(SEED.sms.sent.id, { status: 'draft' });
    expect(response.status).toBe(400);
    expect(errorOf(response.body)).toEqual(expect.any(String));
  });

  it('accepts a PUT that changes nothing on a non-draft', async () => {
    const response = await update(SEED.sms.sent.id, { status: 'sent', text: SEED.sms.sent.text });
    expect(response.status).toBe(200);
  });

  it('deletes with 200 {}', async () => {
    const response = await call(stand, 'DELETE', `activity/sms/${SEED.sms.sent.id}/`);
    expect(response.status).toBe(200);
    expect(response.body).toEqual({});
    expect(stand.state.sms.has(SEED.sms.sent.id)).toBe(false);
  });
});

describe('send_in undo window', () => {
  it('waits send_in seconds before sending, and can be cancelled meanwhile', async () => {
    const text = `Undo me ${Date.now()}`;
    // A 10 s window (500 ms here) leaves room for a busy machine between the create and the cancel.
    const { body } = await create(smsTo(ana, { status: 'outbox', send_in: 10, text }));
    await sleep(SEND_IN_UNIT_MS);
    expect(stand.state.sms.get(body.id)?.status).toBe('outbox');
    const cancelled = await update(body.id, { status: 'draft' });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.status).toBe('draft');
    await sleep(10 * SEND_IN_UNIT_MS + SEND_DELAY_MS + 100);
    expect(stand.state.smsByText(text).map((sms) => sms.status)).toEqual(['draft']);
  });

  it('sends once the window is over', async () => {
    const started = Date.now();
    const { body } = await create(smsTo(ana, { status: 'outbox', send_in: 4 }));
    await waitForStatus(body.id, 'sent');
    expect(Date.now() - started).toBeGreaterThanOrEqual(4 * SEND_IN_UNIT_MS + SEND_DELAY_MS - 5);
  });

  it('can no longer be cancelled once sending started', async () => {
    const { body } = await create(smsTo(ana, { status: 'outbox' }));
    const response = await update(body.id, { status: 'draft' });
    expect(response.status).toBe(400);
    expect(errorOf(response.body)).toMatch(/already being sent/);
    await waitForStatus(body.id, 'sent');
  });

  it('deleting during the window stops the send', async () => {
    const { body } = await create(smsTo(ana, { status: 'outbox', send_in: 10 }));
    await call(stand, 'DELETE', `activity/sms/${body.id}/`);
    await sleep(10 * SEND_IN_UNIT_MS + SEND_DELAY_MS + 50);
    expect(stand.state.sms.has(body.id)).toBe(false);
  });
});

describe('inbound texts (the carrier delivering a reply: receiveReply)', () => {
  it('logs an inbox SMS on the contact with that number, from the org number that last texted them', async () => {
    const { ana } = SEED.contacts;
    const sms = stand.receiveReply({ from: ana.phone, text: 'Sounds good, Thursday works' });
    expect(sms).toMatchObject({
      status: 'inbox',
      direction: 'inbound',
      lead_id: SEED.leads.bayview.id,
      contact_id: ana.id,
      remote_phone: ana.phone,
      local_phone: SEED.phoneNumbers.us.number,
      user_id: SEED.user.id,
    });
    const listed = await call<{ data: { id: string }[] }>(
      stand,
      'GET',
      `activity/sms/?user_id=${SEED.user.id}&date_created__gt=${encodeURIComponent(new Date(Date.now() - 60_000).toISOString())}`,
    );
    expect(listed.body.data.map((s) => s.id)).toContain(sms.id);
  });

  it('a text from a number no contact has is kept on no lead', () => {
    expect(stand.receiveReply({ from: '+13125550199', text: 'who is this?' })).toMatchObject({
      lead_id: null,
      contact_id: null,
    });
  });
});
