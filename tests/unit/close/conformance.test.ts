// @vitest-environment node
import { beforeAll, describe, expect, it } from 'vitest';
import { createSmsBodySchema, updateSmsBodySchema } from '../../../lib/close/schemas';
import { loadSpec, requestSchema, validate } from '../../stand-in/openapi';
import { SEED } from '../../stand-in/server';
import { standInPerFile } from './with-stand-in';

/** In Close's prose but not its schema (close-api.md §1.4). */
const DOCUMENTED_EXTRAS = ['date_scheduled', 'send_in'];

const h = standInPerFile();
beforeAll(() => loadSpec());
const { contacts, leads, phoneNumbers, templates } = SEED;
const toAna = {
  lead_id: leads.bayview.id,
  contact_id: contacts.ana.id,
  remote_phone: contacts.ana.phone,
  local_phone: phoneNumbers.us.number,
};
const inAnHour = () => new Date(Date.now() + 3_600_000).toISOString();

/** Drives the client through every kind of SMS body it can send. */
async function sendEveryKindOfBody(): Promise<void> {
  const { client } = h;
  const draft = await client.createSms({ status: 'draft', text: 'Draft', ...toAna });
  await client.createSms({ status: 'draft', template_id: templates.followUp.id, ...toAna });
  await client.createSms({ status: 'outbox', text: 'Now', send_in: 10, ...toAna });
  await client.createSms({ status: 'scheduled', text: 'Later', date_scheduled: inAnHour(), ...toAna });
  await client.createSms({ status: 'sent', text: 'Logged', direction: 'outbound', source: 'External', ...toAna });
  await client.createSms({
    status: 'draft',
    text: 'With a picture',
    attachments: [{ url: 'https://files.example/a.jpg', filename: 'a.jpg', content_type: 'image/jpeg' }],
    ...toAna,
  });
  await client.updateSms(draft.id, { text: 'Edited', template_id: null });
  await client.updateSms(draft.id, { status: 'scheduled', date_scheduled: inAnHour() });
  await client.updateSms(draft.id, { status: 'draft' });
  await client.updateSms(draft.id, { status: 'outbox', send_in: 5 });
}

describe('request bodies match the OpenAPI spec', () => {
  it('every body sent to /activity/sms/ passes the request schema (plus the documented extras)', async () => {
    await sendEveryKindOfBody();
    const sent = h.standIn.requests.filter(
      (request) =>
        request.path.startsWith('/api/v1/activity/sms/') && (request.method === 'POST' || request.method === 'PUT'),
    );
    expect(sent.filter((request) => request.method === 'POST')).toHaveLength(6);
    // Four quick edits, plus the PUT that sends each new outbox / scheduled text (it is created as a draft first).
    expect(sent.filter((request) => request.method === 'PUT')).toHaveLength(6);
    for (const request of sent) {
      const schema = requestSchema(request.method, request.path);
      const problems = validate(schema, request.body, { closed: true, extraTopLevel: DOCUMENTED_EXTRAS });
      expect(problems, `${request.method} ${request.path} ${JSON.stringify(request.body)}`).toEqual([]);
    }
    expect(sent.every((request) => request.status === 200)).toBe(true);
  });

  it('the check is not vacuous: a stray or mistyped field is reported', () => {
    const schema = requestSchema('POST', '/activity/sms/');
    const options = { closed: true, extraTopLevel: DOCUMENTED_EXTRAS };
    expect(validate(schema, { status: 'outbox', sendIn: 5 }, options)).not.toEqual([]);
    expect(validate(schema, { status: 'later' }, options)).not.toEqual([]);
    expect(validate(schema, { status: 'outbox', send_in: 5 }, options)).toEqual([]);
  });

  it.each([
    ['POST', '/activity/sms/', createSmsBodySchema],
    ['PUT', '/activity/sms/{id}/', updateSmsBodySchema],
  ] as const)('%s %s: the client can only send fields the spec lists', (method, path, schema) => {
    const specFields = Object.keys(requestSchema(method, path).properties ?? {});
    const ours = Object.keys(schema.shape);
    expect(ours.filter((field) => !specFields.includes(field) && !DOCUMENTED_EXTRAS.includes(field))).toEqual([]);
  });
});
