// @vitest-environment node
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SEED, type StandIn, startStandIn } from '../../stand-in/server';
import type { ContactRecord } from '../../stand-in/types';
import { basicAuth, call, contactPhoneSearch } from './http-client';

let stand: StandIn;
const logged: string[] = [];

beforeAll(async () => {
  stand = await startStandIn({ sendDelayMs: 50, log: (message) => logged.push(message) });
});
afterAll(() => stand.close());
beforeEach(() => stand.reset());

describe('auth', () => {
  it('accepts the key as Basic username with an empty password', async () => {
    const response = await call<{ id: string }>(stand, 'GET', 'me/');
    expect(response.status).toBe(200);
    expect(response.body.id).toBe(SEED.user.id);
  });

  it('accepts the key as a Bearer token', async () => {
    const response = await call(stand, 'GET', 'me/', { authorization: `Bearer ${stand.apiKey}` });
    expect(response.status).toBe(200);
  });

  it.each([
    ['no header', null],
    ['wrong key', basicAuth('wrong_key')],
    ['key with a password', `Basic ${Buffer.from(`${SEED.apiKey}:secret`).toString('base64')}`],
    ['key without the colon', `Basic ${Buffer.from(SEED.apiKey).toString('base64')}`],
    ['wrong bearer', 'Bearer nope'],
    ['unknown scheme', `Token ${SEED.apiKey}`],
    ['garbage', 'Basic !!!'],
  ])('refuses %s with 401 {error}', async (_name, authorization) => {
    const response = await call(stand, 'GET', 'me/', { authorization });
    expect(response.status).toBe(401);
    expect(typeof response.body.error).toBe('string');
  });

  it('uses the configured key', async () => {
    const other = await startStandIn({ apiKey: 'other_key' });
    try {
      expect((await call(other, 'GET', 'me/')).status).toBe(200);
      expect((await call(other, 'GET', 'me/', { authorization: basicAuth(SEED.apiKey) })).status).toBe(401);
    } finally {
      await other.close();
    }
  });
});

describe('paths', () => {
  it('serves under /api/v1/, paths ending with a slash as Close documents them', async () => {
    expect((await call(stand, 'GET', 'me/')).status).toBe(200);
    expect((await call(stand, 'GET', `lead/${SEED.leads.bayview.id}/`)).status).toBe(200);
  });

  it('redirects a GET without the trailing slash (301, query kept), as Close’s Django app does', async () => {
    const response = await fetch(new URL('activity/sms?_limit=1', stand.baseUrl), {
      headers: { Authorization: basicAuth(stand.apiKey) },
      redirect: 'manual',
    });
    expect(response.status).toBe(301);
    expect(response.headers.get('location')).toBe('/api/v1/activity/sms/?_limit=1');
  });

  it.each(['POST', 'PUT', 'DELETE'])(
    'refuses a %s without the trailing slash with 404 (a body cannot be redirected)',
    async (method) => {
      const path = method === 'POST' ? 'activity/sms' : `activity/sms/${SEED.sms.draft.id}`;
      const response = await call(stand, method, path, method === 'DELETE' ? {} : { body: { status: 'draft' } });
      expect(response.status).toBe(404);
      expect(String(response.body.error)).toMatch(/end with a slash/);
      expect(stand.state.sms.has(SEED.sms.draft.id)).toBe(true);
    },
  );

  it('asks for Basic credentials on a 401', async () => {
    const response = await call(stand, 'GET', 'me/', { authorization: null });
    expect(response.headers.get('www-authenticate')).toBe('Basic realm="api"');
  });

  it('answers 404 {error} for unknown paths and paths outside /api/v1', async () => {
    const unknown = await call(stand, 'GET', 'nothing/here/');
    expect(unknown.status).toBe(404);
    expect(typeof unknown.body.error).toBe('string');
    expect((await call(stand, 'GET', '/me/')).status).toBe(404);
  });

  it('answers 405 for a known path with another method', async () => {
    const response = await call(stand, 'DELETE', 'me/');
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET');
  });

  it('records every request with method, path, query, body and headers', async () => {
    await call(stand, 'GET', 'activity/sms/?_limit=2&lead_id=x');
    await call(stand, 'POST', 'activity/sms/', { body: { status: 'draft' } });
    expect(stand.requests.map((r) => [r.method, r.path, r.status])).toEqual([
      ['GET', '/api/v1/activity/sms/', 400],
      ['POST', '/api/v1/activity/sms/', 400],
    ]);
    expect(stand.requests[0]?.query).toEqual({ _limit: '2', lead_id: 'x' });
    expect(stand.requests[1]?.body).toEqual({ status: 'draft' });
    expect(stand.requests[1]?.headers.authorization).toBe(basicAuth(stand.apiKey));
  });

  it('supports X-HTTP-Method-Override: GET with filters in _params', async () => {
    const response = await call<{ data: { id: string }[] }>(stand, 'POST', 'activity/sms/', {
      headers: { 'X-HTTP-Method-Override': 'GET' },
      body: { _params: { id__in: [SEED.sms.sent.id, SEED.sms.draft.id] } },
    });
    expect(response.status).toBe(200);
    expect(response.body.data.map((sms) => sms.id).sort()).toEqual([SEED.sms.sent.id, SEED.sms.draft.id].sort());
  });
});

describe('bad input never crashes the server', () => {
  it('answers 400 {error} to malformed JSON', async () => {
    const response = await call(stand, 'POST', 'activity/sms/', { rawBody: '{"status": "draft",' });
    expect(response.status).toBe(400);
    expect(response.body.error).toMatch(/JSON/);
  });

  it('answers 415 to a body that is not JSON', async () => {
    const response = await call(stand, 'POST', 'activity/sms/', {
      rawBody: 'status=draft',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    });
    expect(response.status).toBe(415);
  });

  it.each([
    ['an array', []],
    ['a string', 'draft'],
    ['null', null],
  ])('answers 400 to %s as the body', async (_name, body) => {
    const response = await call(stand, 'POST', 'activity/sms/', { body });
    expect(response.status).toBe(400);
  });

  it('turns a handler crash into 500 {"error": "Internal"} and logs it', async () => {
    // A corrupted record behind the server's back makes the search handler throw.
    stand.state.contacts.set('cont_broken', { id: 'cont_broken' } as unknown as ContactRecord);
    const response = await call(stand, 'POST', 'data/search/', { body: contactPhoneSearch('+16506660123') });
    expect(response.status).toBe(500);
    expect(response.body).toEqual({ error: 'Internal' });
    expect(logged.some((line) => line.includes('/data/search/'))).toBe(true);
    stand.reset();
    expect((await call(stand, 'GET', 'me/')).status).toBe(200);
  });

  it('survives a malformed percent-encoding in the path', async () => {
    expect((await call(stand, 'GET', 'activity/sms/%E0%A4%A/')).status).toBe(404);
  });
});

describe('options', () => {
  it('seed: false leaves only the user and organization', async () => {
    const empty = await startStandIn({ seed: false });
    try {
      expect((await call<{ id: string }>(empty, 'GET', 'me/')).body.id).toBe(SEED.user.id);
      expect((await call<{ data: unknown[] }>(empty, 'GET', 'activity/sms/')).body.data).toEqual([]);
      expect((await call<{ data: unknown[] }>(empty, 'GET', 'phone_number/')).body.data).toEqual([]);
      empty.reset();
      expect(empty.state.leads.size).toBe(0);
    } finally {
      await empty.close();
    }
  });

  it('stamps dates with the given clock', async () => {
    const fixed = new Date('2031-02-03T04:05:06.789Z');
    const clocked = await startStandIn({ now: () => fixed });
    try {
      const { body } = await call<{ date_created: string }>(clocked, 'POST', 'activity/sms/', {
        body: { status: 'draft', text: 'x', contact_id: SEED.contacts.ana.id },
      });
      expect(body.date_created).toBe('2031-02-03T04:05:06.789000+00:00');
    } finally {
      await clocked.close();
    }
  });

  it('reset() restores data changed by a test', async () => {
    stand.state.sms.clear();
    stand.state.user.first_name = 'Changed';
    stand.reset();
    expect(stand.state.sms.size).toBe(5);
    expect(stand.state.user.first_name).toBe('Maya');
  });
});
