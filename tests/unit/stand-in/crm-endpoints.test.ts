// @vitest-environment node
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SEED, type StandIn, startStandIn } from '../../stand-in/server';
import type { ContactRecord, PhoneNumberRecord, SmsTemplateRecord } from '../../stand-in/types';
import { call, contactPhoneSearch } from './http-client';

let stand: StandIn;

beforeAll(async () => {
  stand = await startStandIn();
});
afterAll(() => stand.close());
beforeEach(() => stand.reset());

interface Page<T> {
  data: T[];
  has_more: boolean;
}

interface Me {
  id: string;
  first_name: string;
  last_name: string;
  email: string;
  organizations: { id: string; name: string }[];
  last_used_timezone: string;
}

interface LeadBody {
  id: string;
  name: string;
  display_name: string;
  contacts: ContactRecord[];
  contact_ids: string[];
}

describe('GET /me/', () => {
  it('returns the user with the organization first', async () => {
    const { body } = await call<Me>(stand, 'GET', 'me/');
    expect(body).toMatchObject({
      id: SEED.user.id,
      first_name: 'Maya',
      last_name: 'Okafor',
      email: SEED.user.email,
      last_used_timezone: 'America/Los_Angeles',
    });
    expect(body.organizations[0]).toMatchObject({ id: SEED.organization.id, name: 'Northwind Solar' });
  });

  it('honours _fields', async () => {
    const { body } = await call(stand, 'GET', 'me/?_fields=id,first_name');
    expect(body).toEqual({ id: SEED.user.id, first_name: 'Maya' });
  });
});

describe('GET /phone_number/', () => {
  it('lists the numbers the user takes part in', async () => {
    const { body } = await call<Page<PhoneNumberRecord>>(
      stand,
      'GET',
      `phone_number/?participant_user_id=${SEED.user.id}`,
    );
    expect(body.has_more).toBe(false);
    expect(body.data.map((n) => [n.number, n.type, n.sms_enabled, n.supports_sms_to_countries])).toEqual([
      ['+14156660100', 'internal', true, ['US', 'CA']],
      ['+442079460100', 'internal', true, ['GB']],
      ['+14156660199', 'internal', false, []],
    ]);
    expect(body.data[0]?.number_formatted).toBe('+1 415-666-0100');
    expect(body.data[1]?.number_formatted).toBe('+44 20 7946 0100');
  });

  it('pages with _limit/_skip and trims with _fields', async () => {
    const { body } = await call<Page<Partial<PhoneNumberRecord>>>(
      stand,
      'GET',
      'phone_number/?_limit=1&_skip=1&_fields=id,number',
    );
    expect(body).toEqual({ data: [{ id: SEED.phoneNumbers.gb.id, number: '+442079460100' }], has_more: true });
  });

  it('filters out numbers of other users', async () => {
    const { body } = await call<Page<PhoneNumberRecord>>(stand, 'GET', 'phone_number/?participant_user_id=user_other');
    expect(body.data).toEqual([]);
  });

  it.each(['_limit=101', '_limit=-1', '_limit=abc', '_skip=x'])('refuses %s with 400', async (query) => {
    const response = await call(stand, 'GET', `phone_number/?${query}`);
    expect(response.status).toBe(400);
    expect(response.body['field-errors']).toBeDefined();
  });
});

describe('GET /sms_template/', () => {
  it('lists active and archived templates (filtering is the client’s job)', async () => {
    const { body } = await call<Page<SmsTemplateRecord>>(stand, 'GET', 'sms_template/');
    expect(body.data.map((t) => [t.id, t.status])).toEqual([
      [SEED.templates.intro.id, 'active'],
      [SEED.templates.followUp.id, 'active'],
      [SEED.templates.archived.id, 'archived'],
    ]);
    expect(body.data[0]?.text).toContain('{{ contact.first_name }}');
  });
});

describe('leads and contacts', () => {
  it('GET /lead/{id}/ embeds the contacts with their phones', async () => {
    const { status, body } = await call<LeadBody>(stand, 'GET', `lead/${SEED.leads.bayview.id}/`);
    expect(status).toBe(200);
    expect(body.display_name).toBe('Bayview Dental');
    expect(body.contacts.map((c) => c.id)).toEqual([SEED.contacts.ana.id, SEED.contacts.raj.id]);
    expect(body.contact_ids).toEqual([SEED.contacts.ana.id, SEED.contacts.raj.id]);
    expect(body.contacts[0]?.phones[0]).toEqual({
      phone: '+16506660123',
      phone_formatted: '+1 650-666-0123',
      type: 'mobile',
      country: 'US',
      outbound_sms_blocked: false,
      tz_ids: ['America/Los_Angeles'],
    });
  });

  it('GET /lead/{id}/ honours _fields', async () => {
    const { body } = await call<Partial<LeadBody>>(stand, 'GET', `lead/${SEED.leads.harbor.id}/?_fields=id,contacts`);
    expect(Object.keys(body).sort()).toEqual(['contacts', 'id']);
    expect(body.contacts?.[0]?.phones[0]?.outbound_sms_blocked).toBe(true);
  });

  it('GET /lead/{id}/ answers 404 {error} for unknown ids', async () => {
    const response = await call(stand, 'GET', 'lead/lead_doesnotexist/');
    expect(response.status).toBe(404);
    expect(typeof response.body.error).toBe('string');
  });

  it('GET /contact/?lead_id= lists the lead’s contacts', async () => {
    const { body } = await call<Page<ContactRecord>>(stand, 'GET', `contact/?lead_id=${SEED.leads.thames.id}`);
    expect(body.data.map((c) => [c.name, c.phones[0]?.country])).toEqual([['Oliver Hughes', 'GB']]);
  });

  it('GET /contact/?lead_id= refuses an id of the wrong kind', async () => {
    const response = await call(stand, 'GET', `contact/?lead_id=${SEED.contacts.ana.id}`);
    expect(response.status).toBe(400);
    expect(response.body['field-errors']?.lead_id).toBeDefined();
  });

  it('POST /lead/ creates a lead with contacts and normalises phones to E.164', async () => {
    const created = await call<LeadBody>(stand, 'POST', 'lead/', {
      body: {
        name: 'Acme Roofing',
        contacts: [{ name: 'Dana Lee', phones: [{ phone: '(415) 666-0177', type: 'mobile' }] }],
      },
    });
    expect(created.status).toBe(200);
    expect(created.body.id).toMatch(/^lead_[0-9A-Za-z]{43}$/);
    expect(created.body.contacts[0]?.phones[0]).toMatchObject({ phone: '+14156660177', type: 'mobile', country: 'US' });
    const fetched = await call<LeadBody>(stand, 'GET', `lead/${created.body.id}/`);
    expect(fetched.body).toEqual(created.body);
    expect(stand.state.contactPhones('+14156660177')[0]?.contact.name).toBe('Dana Lee');
  });

  it.each([
    ['a non-string name', { name: 5 }, 'name'],
    ['contacts that are not a list', { name: 'X', contacts: {} }, 'contacts'],
    ['an invalid phone', { name: 'X', contacts: [{ name: 'Y', phones: [{ phone: '12' }] }] }, 'contacts.0.phones.0'],
  ])('POST /lead/ refuses %s with field-errors', async (_name, body, field) => {
    const response = await call(stand, 'POST', 'lead/', { body });
    expect(response.status).toBe(400);
    expect(response.body['field-errors']?.[field]).toBeDefined();
  });
});

describe('POST /data/search/ (contact by phone)', () => {
  const search = contactPhoneSearch;

  it('finds the contact owning a number', async () => {
    const response = await call<{ data: Record<string, unknown>[]; cursor: null }>(stand, 'POST', 'data/search/', {
      body: search(SEED.contacts.ben.phone),
    });
    expect(response.status).toBe(200);
    expect(response.body.cursor).toBeNull();
    expect(response.body.data).toEqual([
      {
        __object_type: 'contact',
        id: SEED.contacts.ben.id,
        lead_id: SEED.leads.harbor.id,
        display_name: 'Ben Carter',
        name: 'Ben Carter',
        phones: [expect.objectContaining({ phone: SEED.contacts.ben.phone, outbound_sms_blocked: true })],
      },
    ]);
  });

  it('honours _fields.contact', async () => {
    const response = await call<{ data: unknown[] }>(stand, 'POST', 'data/search/', {
      body: search(SEED.contacts.oliver.phone, ['id', 'lead_id']),
    });
    expect(response.body.data).toEqual([
      { __object_type: 'contact', id: SEED.contacts.oliver.id, lead_id: SEED.leads.thames.id },
    ]);
  });

  it('returns nothing for an unknown number', async () => {
    const response = await call<{ data: unknown[] }>(stand, 'POST', 'data/search/', { body: search('+14156669999') });
    expect(response.body.data).toEqual([]);
  });

  /** The batched shape: the phone condition inside `has_related` becomes an `or` of several. */
  const anyOf = (...phones: string[]) => {
    const one = search(phones[0] as string) as { query: { queries: { related_query?: unknown }[] } };
    const related = one.query.queries[1]?.related_query as Record<string, unknown>;
    const body = structuredClone(one);
    (body.query.queries[1] as { related_query: unknown }).related_query = {
      type: 'or',
      queries: phones.map((phone) => ({ ...related, condition: { type: 'text', mode: 'exact_value', value: phone } })),
    };
    return body;
  };

  it('finds the contacts owning any of several numbers (an "or" of phone conditions)', async () => {
    const { ana, ben } = SEED.contacts;
    const response = await call<{ data: { id: string }[] }>(stand, 'POST', 'data/search/', {
      body: anyOf(ana.phone, '+14156669999', ben.phone),
    });
    expect(response.body.data.map((c) => c.id).sort()).toEqual([ana.id, ben.id].sort());
  });

  it.each([
    ['no query', {}],
    [
      'an empty "or"',
      JSON.parse(
        JSON.stringify(anyOf('+1')).replace(/"queries":\[\{"type":"field_condition".*?\}\}\]/, '"queries":[]'),
      ),
    ],
    [
      'an "or" with a different condition mode',
      JSON.parse(JSON.stringify(anyOf('+1', '+2')).replace('exact_value', 'contains')),
    ],
    ['a lead query', { query: { type: 'object_type', object_type: 'lead' } }],
    [
      'a different condition mode',
      JSON.parse(JSON.stringify(search('+1')).replace('exact_value', 'contains')) as unknown,
    ],
  ])('refuses %s with 400 {error}', async (_name, body) => {
    const response = await call(stand, 'POST', 'data/search/', { body });
    expect(response.status).toBe(400);
    expect(typeof response.body.error).toBe('string');
  });
});
