// @vitest-environment node
/**
 * The stand-in's responses, and the SMS bodies the extension sends, checked against Close's published OpenAPI
 * document (../shared/reference/close-openapi.yml).
 *
 * Where the spec and close-api.md disagree, the stand-in follows the spec:
 * - Lead requires `contact_ids`, `description`, `url`, `status_id`, `html_url`; the stand-in returns them all.
 * - SMSActivity requires `users` (array) and `cost`; both are always present.
 * - The spec's SMSActivity lacks `attachments`, `caller_id_mode`, `caller_id_reason` (newer docs); they are sent as
 *   extra properties, which the spec allows.
 * - CreateSMSActivity names the creator `created_by_id` (close-api.md also cites `created_by`); the stand-in
 *   accepts only `created_by_id`.
 * - `date_scheduled` and `send_in` are only in Close's prose, not in either request schema; they are checked here as
 *   documented extras.
 * - The spec's /phone_number/ filters are `user_id`/`is_group_number` (deprecated); `participant_user_id` is newer.
 *   The stand-in honours all three.
 * - /me/ and /sms_template/ have empty response schemas in the spec, so their shape is checked by the endpoint tests.
 */
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  DEFAULT_SPEC_URL,
  findPathTemplate,
  type JsonSchema,
  loadSpec,
  requestSchema,
  responseSchema,
  validate,
} from '../../stand-in/openapi';
import { SEED, type StandIn, startStandIn } from '../../stand-in/server';
import type { SmsRecord } from '../../stand-in/types';
import { call, inSeconds } from './http-client';

const SPEC_URL = new URL('../../../../shared/reference/close-openapi.yml', import.meta.url);

let stand: StandIn;

beforeAll(async () => {
  await loadSpec(SPEC_URL);
  stand = await startStandIn({ sendDelayMs: 30, sendInUnitMs: 20 });
});
afterAll(() => stand.close());
beforeEach(() => stand.reset());

/** Fetches `path` and validates the body against the spec's 200 schema for the same method and path. */
async function expectConforms(method: string, path: string, body?: unknown): Promise<unknown> {
  const response = await call<unknown>(stand, method, path, { body });
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  expect(validate(responseSchema(method, path), response.body)).toEqual([]);
  return response.body;
}

const { ana, oliver, carla } = SEED.contacts;
const US = SEED.phoneNumbers.us.number;

describe('the spec', () => {
  it('is found at the path the tests use (relative to this test file)', () => {
    expect(fileURLToPath(DEFAULT_SPEC_URL)).toBe(fileURLToPath(SPEC_URL));
  });

  it.each([
    ['/activity/sms/', '/activity/sms/'],
    ['/api/v1/activity/sms/acti_123/', '/activity/sms/{id}/'],
    ['/api/v1/lead/lead_1', '/lead/{id}/'],
    ['/me', '/me/'],
    ['/phone_number/?participant_user_id=x', '/phone_number/'],
    ['activity/sms/', '/activity/sms/'],
  ])('maps %s to the template %s', (path, template) => {
    expect(findPathTemplate(path)).toBe(template);
  });

  it('has the schemas the stand-in is checked against', () => {
    const sms = responseSchema('get', '/activity/sms/{id}/');
    expect(sms.required).toContain('status');
    expect(sms.properties?.status?.enum).toEqual(['inbox', 'draft', 'scheduled', 'outbox', 'sent', 'error']);
    expect(requestSchema('post', '/activity/sms/').required).toEqual(['status']);
  });
});

describe('responses conform to the 200 schemas', () => {
  it('GET /me/', async () => {
    await expectConforms('GET', 'me/');
  });

  it('GET /phone_number/', async () => {
    await expectConforms('GET', `phone_number/?participant_user_id=${SEED.user.id}`);
  });

  it('GET /sms_template/', async () => {
    await expectConforms('GET', 'sms_template/');
  });

  it.each(Object.entries(SEED.leads))('GET /lead/{id}/ (%s)', async (_key, lead) => {
    await expectConforms('GET', `lead/${lead.id}/`);
  });

  it('POST /lead/', async () => {
    await expectConforms('POST', 'lead/', {
      name: 'Conformance Inc',
      contacts: [{ name: 'Pat Doe', phones: [{ phone: '+14156660177', type: 'mobile' }] }],
    });
  });

  it('GET /contact/?lead_id=', async () => {
    await expectConforms('GET', `contact/?lead_id=${SEED.leads.bayview.id}`);
  });

  it('GET /activity/sms/ (every status)', async () => {
    const body = (await expectConforms('GET', 'activity/sms/')) as { data: SmsRecord[] };
    expect(new Set(body.data.map((sms) => sms.status))).toEqual(
      new Set(['draft', 'scheduled', 'sent', 'inbox', 'error']),
    );
  });

  it.each(Object.entries(SEED.sms))('GET /activity/sms/{id}/ (%s)', async (_key, sms) => {
    await expectConforms('GET', `activity/sms/${sms.id}/`);
  });

  it.each([
    ['draft', {}],
    ['outbox', { send_in: 3 }],
    ['scheduled', { date_scheduled: inSeconds(3600) }],
    ['sent', {}],
    ['inbox', {}],
  ])('POST /activity/sms/ (%s)', async (status, extra) => {
    await expectConforms('POST', 'activity/sms/', { ...smsBody(ana), status, ...extra });
  });

  it.each([
    ['from a contact', ana.phone],
    ['from a number on no contact', '+13125550199'],
  ])('an inbound text the carrier delivered (receiveReply, %s), as the SMS list serves it', async (_name, from) => {
    const sms = stand.receiveReply({ from, text: 'Sounds good' });
    await expectConforms('GET', `activity/sms/${sms.id}/`);
  });

  it('POST /activity/sms/ with a template', async () => {
    const { text: _text, ...body } = smsBody(ana);
    await expectConforms('POST', 'activity/sms/', { ...body, status: 'draft', template_id: SEED.templates.intro.id });
  });

  it('PUT /activity/sms/{id}/ (edit, schedule, cancel, send)', async () => {
    const path = `activity/sms/${SEED.sms.draft.id}/`;
    await expectConforms('PUT', path, { text: 'Edited' });
    await expectConforms('PUT', path, { status: 'scheduled', date_scheduled: inSeconds(3600) });
    await expectConforms('PUT', path, { status: 'draft' });
    await expectConforms('PUT', path, { status: 'outbox' });
  });

  it('SMS that ended in sent and in error', async () => {
    const sent = (await expectConforms('POST', 'activity/sms/', { ...smsBody(ana), status: 'outbox' })) as SmsRecord;
    const failed = (await expectConforms('POST', 'activity/sms/', {
      ...smsBody(carla),
      status: 'outbox',
    })) as SmsRecord;
    await vi.waitFor(() => expect(stand.state.sms.get(failed.id)?.status).toBe('error'), { timeout: 2000 });
    await vi.waitFor(() => expect(stand.state.sms.get(sent.id)?.status).toBe('sent'), { timeout: 2000 });
    await expectConforms('GET', `activity/sms/${sent.id}/`);
    await expectConforms('GET', `activity/sms/${failed.id}/`);
  });

  it('DELETE /activity/sms/{id}/', async () => {
    await expectConforms('DELETE', `activity/sms/${SEED.sms.sent.id}/`);
  });

  it('_fields responses conform apart from the trimmed required fields', async () => {
    const response = await call<unknown>(stand, 'GET', `activity/sms/${SEED.sms.sent.id}/?_fields=id,status,date_sent`);
    const schema = responseSchema('GET', '/activity/sms/{id}/');
    expect(validate(schema, response.body, { partial: true })).toEqual([]);
    expect(validate(schema, response.body)).not.toEqual([]);
  });
});

describe('the validator is not vacuous', () => {
  it.each<[string, (sms: Record<string, unknown>) => void, RegExp]>([
    ['a missing required field', (sms) => delete sms.status, /missing required property "status"/],
    ['a value outside the enum', (sms) => (sms.status = 'bogus'), /\$\.status: "bogus" is not one of/],
    ['a wrong type', (sms) => (sms.text = 5), /\$\.text: expected string \| null, got integer/],
    [
      'a datetime without offset',
      (sms) => (sms.date_created = '2026-05-04T17:00:01'),
      /\$\.date_created: .* date-time/,
    ],
    ['a non-array users', (sms) => (sms.users = 'x'), /\$\.users: expected array/],
  ])('flags %s in an SMS', async (_name, mutate, message) => {
    const { body } = await call<Record<string, unknown>>(stand, 'GET', `activity/sms/${SEED.sms.sent.id}/`);
    mutate(body);
    expect(validate(responseSchema('GET', '/activity/sms/{id}/'), body).join('\n')).toMatch(message);
  });

  it('flags a contact phone without its required fields inside a lead', async () => {
    const { body } = await call<{ contacts: { phones: Record<string, unknown>[] }[] }>(
      stand,
      'GET',
      `lead/${SEED.leads.bayview.id}/`,
    );
    delete body.contacts[0]?.phones[0]?.type;
    expect(validate(responseSchema('GET', '/lead/{id}/'), body)).toEqual([
      '$.contacts[0].phones[0]: missing required property "type"',
    ]);
  });
});

/** The SMS bodies the extension sends: what it is allowed to put in them. */
describe('request bodies the extension sends conform to the request schemas', () => {
  const EXTRAS = { closed: true, extraTopLevel: ['date_scheduled', 'send_in'] };
  const createSchema = (): JsonSchema => requestSchema('POST', '/activity/sms/');
  const updateSchema = (): JsonSchema => requestSchema('PUT', '/activity/sms/{id}/');

  const creates: [string, Record<string, unknown>][] = [
    ['draft', { ...smsBody(ana), status: 'draft' }],
    ['send now', { ...smsBody(ana), status: 'outbox' }],
    ['send with undo window', { ...smsBody(ana), status: 'outbox', send_in: 10 }],
    ['send later', { ...smsBody(oliver), status: 'scheduled', date_scheduled: inSeconds(3600) }],
    [
      'from a template',
      {
        status: 'draft',
        template_id: SEED.templates.intro.id,
        local_phone: US,
        remote_phone: ana.phone,
        lead_id: SEED.leads.bayview.id,
        contact_id: ana.id,
      },
    ],
  ];

  it.each(creates)('create: %s (and the stand-in accepts it)', async (_name, body) => {
    expect(validate(createSchema(), body, EXTRAS)).toEqual([]);
    expect((await call(stand, 'POST', 'activity/sms/', { body })).status).toBe(200);
  });

  const updates: [string, Record<string, unknown>][] = [
    ['send a draft', { status: 'outbox' }],
    ['send a draft with undo window', { status: 'outbox', send_in: 5 }],
    ['schedule a draft', { status: 'scheduled', date_scheduled: inSeconds(3600) }],
    ['edit a draft', { text: 'New text', template_id: null }],
    ['cancel', { status: 'draft' }],
  ];

  it.each(updates)('update: %s (and the stand-in accepts it)', async (_name, body) => {
    expect(validate(updateSchema(), body, EXTRAS)).toEqual([]);
    expect((await call(stand, 'PUT', `activity/sms/${SEED.sms.draft.id}/`, { body })).status).toBe(200);
  });

  it.each<[string, Record<string, unknown>, RegExp]>([
    ['an unknown field', { status: 'draft', date_schedule: 'x' }, /\$\.date_schedule: property not in the schema/],
    ['an unknown status', { status: 'queued' }, /\$\.status: "queued" is not one of/],
    ['a number as text', { status: 'draft', text: 5 }, /\$\.text: expected string \| null/],
    ['no status', { text: 'x' }, /missing required property "status"/],
  ])('flags %s in a create body', (_name, body, message) => {
    expect(validate(createSchema(), body, EXTRAS).join('\n')).toMatch(message);
  });

  it('does not allow the extras inside nested objects', () => {
    const body = { status: 'draft', attachments: [{ url: 'u', filename: 'f', content_type: 'image/png', send_in: 1 }] };
    expect(validate(createSchema(), body, EXTRAS)).toEqual(['$.attachments[0].send_in: property not in the schema']);
  });
});

function smsBody(contact: { id: string; phone: string }): Record<string, unknown> {
  const lead = Object.values(SEED.contacts).find((item) => item.id === contact.id)?.lead ?? 'bayview';
  return {
    text: 'Conformance check',
    local_phone: contact.phone.startsWith('+44') ? SEED.phoneNumbers.gb.number : US,
    remote_phone: contact.phone,
    lead_id: SEED.leads[lead].id,
    contact_id: contact.id,
  };
}

describe('blocked phone numbers', () => {
  it('POST (201), GET list and one, PUT, DELETE (204), each as the spec says', async () => {
    const created = await call<{ id: string }>(stand, 'POST', 'blocked_phone_number/', {
      body: { phone: ana.phone, reason: 'Replied STOP' },
    });
    expect(created.status).toBe(201);
    expect(validate(responseSchema('POST', 'blocked_phone_number/', 201), created.body)).toEqual([]);
    const path = `blocked_phone_number/${created.body.id}/`;
    await expectConforms('GET', 'blocked_phone_number/');
    await expectConforms('GET', path);
    await expectConforms('PUT', path, { reason: 'Asked not to be contacted' });
    const again = await call(stand, 'POST', 'blocked_phone_number/', { body: { phone: ana.phone, reason: 'x' } });
    expect(again.status).toBe(400); // a repeated block is refused, so a repeated POST is harmless
    expect((await call(stand, 'DELETE', path)).status).toBe(204);
    expect((await call(stand, 'GET', path)).status).toBe(404);
  });

  it('contact phones carry tz_ids derived from the number, and contacts a settable timezone', async () => {
    const body = (await expectConforms('GET', `lead/${SEED.leads.bayview.id}/`)) as {
      contacts: { timezone: string | null; phones: { tz_ids: string[] }[] }[];
    };
    expect(body.contacts[0]?.phones[0]?.tz_ids).toEqual(['America/Los_Angeles']);
    expect(body.contacts[0]?.timezone).toBeNull();
    const put = (await expectConforms('PUT', `contact/${ana.id}/`, { timezone: 'America/New_York' })) as {
      timezone: string;
    };
    expect(put.timezone).toBe('America/New_York');
  });
});
