// @vitest-environment node
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { browserLikeFetch } from '../../soak/browser-like-fetch';
import { SEED, type StandIn, startStandIn } from '../../stand-in/server';
import type { SmsRecord } from '../../stand-in/types';
import { basicAuth, call } from './http-client';

let stand: StandIn;

beforeAll(async () => {
  stand = await startStandIn({ sendDelayMs: 30 });
});
afterAll(() => stand.close());
beforeEach(() => stand.reset());

/** The official Python client's regex: whole seconds only. */
const RATE_LIMIT = /^limit=(\d+), remaining=(\d+), reset=(\d+)$/;

const draft = (text: string) => ({
  status: 'outbox',
  text,
  local_phone: SEED.phoneNumbers.us.number,
  remote_phone: SEED.contacts.ana.phone,
  contact_id: SEED.contacts.ana.id,
});

describe('rate limits', () => {
  it('reports RateLimit on every routed response', async () => {
    const response = await call(stand, 'GET', 'me/');
    const match = RATE_LIMIT.exec(response.headers.get('ratelimit') ?? '');
    expect(match?.slice(1, 3)).toEqual(['40', '39']);
    expect(match?.[3]).toBe('1');
  });

  it('answers 429 with Close’s body once a group is exhausted, then recovers after a whole-second reset', async () => {
    // 800 ms is rounded up: Close's windows and `reset` are whole seconds.
    stand.rateLimits.setLimit('GET /activity/sms/', 2, 800);
    expect((await call(stand, 'GET', 'activity/sms/')).status).toBe(200);
    const second = await call(stand, 'GET', 'activity/sms/');
    expect(second.headers.get('ratelimit')).toMatch(/^limit=2, remaining=0, reset=/);
    const limited = await call<{ error: { message: string; rate_reset: number } }>(stand, 'GET', 'activity/sms/');
    expect(limited.status).toBe(429);
    expect(limited.body.error.message).toBe('API call count exceeded for this period');
    expect(limited.body.error.rate_reset).toBe(1);
    expect(limited.headers.get('ratelimit')).toBe('limit=2, remaining=0, reset=1');
    await new Promise((resolve) => setTimeout(resolve, limited.body.error.rate_reset * 1000 + 20));
    expect((await call(stand, 'GET', 'activity/sms/')).status).toBe(200);
  });

  it('counts endpoint groups (method + path template) separately', async () => {
    stand.rateLimits.setLimit('PUT /activity/sms/{id}/', 1);
    const put = (id: string) => call(stand, 'PUT', `activity/sms/${id}/`, { body: { text: 'x' } });
    expect((await put(SEED.sms.draft.id)).status).toBe(200);
    // Another id is the same group; GET on the same path is another group.
    expect((await put(SEED.sms.sent.id)).status).toBe(429);
    expect((await call(stand, 'GET', `activity/sms/${SEED.sms.draft.id}/`)).status).toBe(200);
    expect((await call(stand, 'GET', 'activity/sms/')).status).toBe(200);
  });

  it('POST and PUT under /activity/ share one bucket: a burst of sends slows the Undo that follows', async () => {
    stand.rateLimits.setLimit('POST /activity/sms/', 1);
    expect((await call(stand, 'POST', 'activity/sms/', { body: draft('Shared bucket') })).status).toBe(200);
    const [sms] = stand.state.smsByText('Shared bucket');
    const undo = await call(stand, 'PUT', `activity/sms/${sms?.id}/`, { body: { status: 'draft' } });
    expect(undo.status).toBe(429);
    expect((await call(stand, 'GET', `activity/sms/${sms?.id}/`)).status).toBe(200);
  });

  it('limits each API key, and the organization at 3× across keys', async () => {
    const keys = ['key_b', 'key_c', 'key_d'];
    const org = await startStandIn({ extraApiKeys: keys, rateLimits: { 'GET /me/': { limit: 1, windowMs: 1000 } } });
    try {
      const as = (key: string) => call(org, 'GET', 'me/', { authorization: basicAuth(key) });
      expect((await as(org.apiKey)).status).toBe(200);
      expect((await as(org.apiKey)).status).toBe(429);
      expect((await as('key_b')).status).toBe(200);
      expect((await as('key_c')).status).toBe(200);
      // Three requests in the window: the organization's 3 × 1 is used up, though key_d has made none.
      const refused = await as('key_d');
      expect(refused.status).toBe(429);
      expect(refused.headers.get('ratelimit')).toBe('limit=1, remaining=0, reset=1');
    } finally {
      await org.close();
    }
  });

  it('accepts per-group limits at start', async () => {
    const limited = await startStandIn({ rateLimits: { 'GET /me/': { limit: 1, windowMs: 1000 } } });
    try {
      expect((await call(limited, 'GET', 'me/')).status).toBe(200);
      expect((await call(limited, 'GET', 'me/')).status).toBe(429);
    } finally {
      await limited.close();
    }
  });

  it('reset() restores the limits and counts', async () => {
    stand.rateLimits.setLimit('GET /me/', 0);
    expect((await call(stand, 'GET', 'me/')).status).toBe(429);
    stand.reset();
    expect((await call(stand, 'GET', 'me/')).status).toBe(200);
  });
});

describe('faults', () => {
  it('failNext answers the given status, body and headers without touching the state', async () => {
    stand.faults.failNext({
      method: 'POST',
      path: '/activity/sms/',
      status: 503,
      body: { error: 'busy' },
      headers: { 'Retry-After': '1' },
    });
    const failed = await call(stand, 'POST', 'activity/sms/', { body: draft('not created') });
    expect(failed.status).toBe(503);
    expect(failed.body).toEqual({ error: 'busy' });
    expect(failed.headers.get('retry-after')).toBe('1');
    expect(stand.state.smsByText('not created')).toEqual([]);
    expect((await call(stand, 'POST', 'activity/sms/', { body: draft('created') })).status).toBe(200);
  });

  it('failNext matches method and path (substring or RegExp) and counts down', async () => {
    stand.faults.failNext({ count: 2, path: /\/me\/$/, status: 502, body: '<html>Bad gateway</html>' });
    expect((await call(stand, 'GET', 'activity/sms/')).status).toBe(200);
    const first = await fetch(`${stand.baseUrl}me/`, { headers: { Authorization: basicAuth(stand.apiKey) } });
    expect(first.status).toBe(502);
    expect(await first.text()).toBe('<html>Bad gateway</html>');
    expect((await call(stand, 'GET', 'me/')).status).toBe(502);
    expect((await call(stand, 'GET', 'me/')).status).toBe(200);
    expect(stand.faults.pending).toBe(0);
  });

  it('failNext applies before auth (a proxy error has no idea of keys)', async () => {
    stand.faults.failNext({ status: 500 });
    expect((await call(stand, 'GET', 'me/', { authorization: null })).status).toBe(500);
  });

  it('hangNext never answers; the client has to give up', async () => {
    stand.faults.hangNext({ method: 'GET', path: '/me/' });
    const started = Date.now();
    await expect(
      fetch(`${stand.baseUrl}me/`, {
        headers: { Authorization: basicAuth(stand.apiKey) },
        signal: AbortSignal.timeout(200),
      }),
    ).rejects.toThrow();
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
    expect(stand.requests.at(-1)).toMatchObject({ path: '/api/v1/me/', status: null });
    expect((await call(stand, 'GET', 'me/')).status).toBe(200);
  });

  it('dropAfterApplyNext creates the SMS, then drops the connection without an answer', async () => {
    stand.faults.dropAfterApplyNext({ method: 'POST', path: '/activity/sms/' });
    const text = `Dropped ${Date.now()}`;
    await expect(call(stand, 'POST', 'activity/sms/', { body: draft(text) })).rejects.toThrow();
    const created = stand.state.smsByText(text);
    expect(created).toHaveLength(1);
    // The client can still find it, e.g. by listing the lead's recent SMS.
    const list = await call<{ data: SmsRecord[] }>(stand, 'GET', `activity/sms/?lead_id=${SEED.leads.bayview.id}`);
    expect(list.body.data.filter((sms) => sms.text === text)).toHaveLength(1);
  });

  it('dropAfterApplyNext on a kept-alive connection: a browser re-sends the POST by itself, so Close gets it twice', async () => {
    const browser = browserLikeFetch();
    try {
      const headers = { Authorization: basicAuth(stand.apiKey), 'Content-Type': 'application/json' };
      // The first request opens the connection; the POST then reuses it.
      await (await browser.fetch(new URL('me/', stand.baseUrl), { headers })).text();
      stand.faults.dropAfterApplyNext({ method: 'POST', path: '/activity/sms/', connection: 'kept-alive' });
      const text = `Re-sent ${Date.now()}`;
      const response = await browser.fetch(new URL('activity/sms/', stand.baseUrl), {
        method: 'POST',
        headers,
        body: JSON.stringify(draft(text)),
      });
      expect(response.status).toBe(200);
      expect(browser.resends).toBe(1);
      expect(stand.state.smsByText(text)).toHaveLength(2);
      const posts = stand.requests.filter((request) => request.method === 'POST');
      expect(posts.map((request) => [request.keptAlive, request.status])).toEqual([
        [true, null],
        [false, 200],
      ]);
    } finally {
      browser.close();
    }
  });

  it.each([
    ['fresh', 'the first request of a connection', false],
    ['kept-alive', 'a later request on a connection', true],
  ] as const)('connection: %s matches only %s', async (connection, _what, keptAlive) => {
    const browser = browserLikeFetch();
    try {
      const headers = { Authorization: basicAuth(stand.apiKey) };
      stand.faults.failNext({ status: 503, method: 'GET', path: '/me/', connection });
      const first = await browser.fetch(new URL('me/', stand.baseUrl), { headers });
      await first.text();
      const second = await browser.fetch(new URL('me/', stand.baseUrl), { headers });
      await second.text();
      expect([first.status, second.status]).toEqual(keptAlive ? [200, 503] : [503, 200]);
    } finally {
      browser.close();
    }
  });

  it('clear() removes pending faults', async () => {
    stand.faults.failNext({ status: 500, count: 3 });
    stand.faults.hangNext();
    stand.faults.clear();
    expect(stand.faults.pending).toBe(0);
    expect((await call(stand, 'GET', 'me/')).status).toBe(200);
  });

  it('close() does not wait for hung requests', async () => {
    const other = await startStandIn();
    other.faults.hangNext();
    const pending = fetch(`${other.baseUrl}me/`).catch(() => 'dropped');
    await new Promise((resolve) => setTimeout(resolve, 50));
    await other.close();
    expect(await pending).toBe('dropped');
  });
});
