// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { type CloseClientOptions, createCloseClient } from '../../../lib/close/client';
import { CloseApiError } from '../../../lib/close/errors';
import { fakeFetch, json, recordingSleep, SMS, type Step } from './fake-fetch';

const BASE = 'https://close.test/api/v1/';

function setup(steps: Step[], options: Partial<CloseClientOptions> = {}) {
  const fake = fakeFetch(steps);
  const { sleep, waits } = recordingSleep();
  let now = Date.parse('2026-05-04T17:00:00Z');
  const client = createCloseClient({
    baseUrl: BASE,
    getApiKey: async () => '  key_123  ',
    fetch: fake.fetch,
    sleep: async (ms) => {
      now += ms;
      await sleep(ms);
    },
    random: () => 0,
    now: () => now,
    tzOffsetHours: () => -2.5,
    ...options,
  });
  return { client, fake, waits };
}

async function failure(promise: Promise<unknown>): Promise<CloseApiError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof CloseApiError) return error;
    throw error;
  }
  throw new Error('expected a CloseApiError');
}

describe('every request', () => {
  it('sends Basic auth with the trimmed key, JSON and the time-zone offset, to a path ending in /', async () => {
    const { client, fake } = setup([json(200, SMS)]);
    await client.getSms('acti_one');
    const [request] = fake.calls;
    expect(request?.url).toBe('https://close.test/api/v1/activity/sms/acti_one/');
    expect(request?.headers.get('Authorization')).toBe(`Basic ${btoa('key_123:')}`);
    expect(request?.headers.get('Accept')).toBe('application/json');
    expect(request?.headers.get('X-TZ-Offset')).toBe('-2.5');
    expect(request?.signal).toBeDefined();
  });

  it('sends JSON bodies with a content type', async () => {
    const { client, fake } = setup([json(200, { ...SMS, text: 'Hello' })]);
    await client.updateSms('acti_one', { text: 'Hello' });
    expect(fake.calls[0]?.method).toBe('PUT');
    expect(fake.calls[0]?.headers.get('Content-Type')).toBe('application/json');
    expect(fake.bodies[0]).toEqual({ text: 'Hello' });
  });

  it.each([null, '', '   '])('with no key (%j) fails without a request', async (key) => {
    const { client, fake } = setup([], { getApiKey: async () => key });
    const error = await failure(client.me());
    expect(error).toMatchObject({ kind: 'no-key', message: "Add your Close API key in the extension's options." });
    expect(fake.calls).toHaveLength(0);
  });

  it('encodes a non-Latin-1 key as UTF-8 instead of throwing', async () => {
    const { client, fake } = setup([json(401, {})], { getApiKey: async () => 'clé' });
    await failure(client.me());
    const header = fake.calls[0]?.headers.get('Authorization') ?? '';
    expect(Buffer.from(header.replace('Basic ', ''), 'base64').toString('utf8')).toBe('clé:');
  });
});

describe('answers', () => {
  it('tolerates unknown fields and keeps them', async () => {
    const { client } = setup([json(200, { ...SMS, caller_id_mode: 'auto', future_field: [1] })]);
    const sms = await client.getSms('acti_one');
    expect(sms.caller_id_mode).toBe('auto');
  });

  it('names a missing required field', async () => {
    const { client } = setup([json(200, { data: [{ ...SMS, id: undefined }], has_more: false })]);
    const error = await failure(client.listSms());
    expect(error).toMatchObject({
      kind: 'bad-response',
      message: 'Close sent a reply the extension cannot read: "data[0].id" is missing.',
      fieldErrors: { 'data[0].id': 'is missing' },
    });
  });

  it('names a field of the wrong type', async () => {
    const { client } = setup([json(200, { ...SMS, status: 7 })]);
    expect((await failure(client.getSms('acti_one'))).message).toContain('"status" has an unexpected value');
  });

  it('turns a non-JSON success into bad-response', async () => {
    const { client } = setup([new Response('<html>ok</html>', { status: 200 })]);
    expect(await failure(client.getSms('acti_one'))).toMatchObject({ kind: 'bad-response', status: 200 });
  });

  it('maps a network failure', async () => {
    const { client } = setup([
      new TypeError('fetch failed'),
      new TypeError('fetch failed'),
      new TypeError('fetch failed'),
    ]);
    expect(await failure(client.me())).toMatchObject({
      kind: 'network',
      message: "Can't reach Close. Check your connection.",
    });
  });

  it('maps a timeout and does not repeat it', async () => {
    const { client, fake } = setup(['hang', json(200, SMS)], { timeoutMs: 50 });
    const error = await failure(client.getSms('acti_one'));
    expect(error).toMatchObject({ kind: 'timeout', message: "Close didn't answer in 0.1 s." });
    expect(fake.calls).toHaveLength(1);
  });
});

describe('retries on transient failures', () => {
  it('repeats a GET after 502/503 with growing backoff', async () => {
    const { client, fake, waits } = setup([json(502, '<html>'), json(503, {}), json(200, SMS)]);
    await expect(client.getSms('acti_one')).resolves.toMatchObject({ id: 'acti_one' });
    expect(fake.calls).toHaveLength(3);
    expect(waits).toEqual([500, 1000]);
  });

  it('gives up on a GET after three attempts', async () => {
    const { client, fake } = setup([json(504, {}), json(504, {}), json(504, {}), json(200, SMS)]);
    expect(await failure(client.getSms('acti_one'))).toMatchObject({ kind: 'server', status: 504 });
    expect(fake.calls).toHaveLength(3);
  });

  it('does not repeat a GET after a 500', async () => {
    const { client, fake } = setup([json(500, {}), json(200, SMS)]);
    expect(await failure(client.getSms('acti_one'))).toMatchObject({ kind: 'server', status: 500 });
    expect(fake.calls).toHaveLength(1);
  });

  it('repeats a DELETE and treats a 404 after a lost answer as done', async () => {
    const { client, fake } = setup([new TypeError('socket hang up'), json(404, { error: 'Not found.' })]);
    await expect(client.deleteSms('acti_one')).resolves.toBeUndefined();
    expect(fake.calls.map((call) => call.method)).toEqual(['DELETE', 'DELETE']);
  });

  it('reports a 404 on the first DELETE', async () => {
    const { client } = setup([json(404, { error: 'Not found.' })]);
    expect(await failure(client.deleteSms('acti_one'))).toMatchObject({ kind: 'not-found' });
  });

  it('never repeats a lead create: after a 503 it looks for the lead, and says the outcome is unknown', async () => {
    const none = () => json(200, { data: [], cursor: null });
    const { client, fake } = setup([none(), json(503, {}), none()], { searchLagMs: 0 });
    expect(await failure(client.createLead({ phone: '+16505550199' }))).toMatchObject({
      kind: 'server',
      outcomeUnknown: true,
    });
    expect(fake.calls.map((call) => new URL(call.url).pathname)).toEqual([
      '/api/v1/data/search/',
      '/api/v1/lead/',
      '/api/v1/data/search/',
    ]);
  });
});

describe('rate limits', () => {
  it('waits what the 429 says, plus jitter, then repeats', async () => {
    const { client, fake, waits } = setup(
      [json(429, { error: { rate_reset: 9 } }, { RateLimit: 'limit=5; remaining=0; reset=1.5' }), json(200, SMS)],
      { random: () => 0.5 },
    );
    await client.getSms('acti_one');
    expect(waits).toEqual([1650]);
    expect(fake.calls).toHaveLength(2);
  });

  it('repeats even a create after a 429, since Close did not apply it', async () => {
    const { client, fake } = setup([
      json(429, {}, { 'Retry-After': '1' }),
      json(200, { ...SMS, status: 'draft' }),
      json(200, { data: [], has_more: false }),
    ]);
    await client.createSms({ status: 'draft', text: 'Hi', remote_phone: '+16505550199', lead_id: 'lead_one' });
    // The GET is the sweep for stray drafts (send-safely.ts).
    expect(fake.calls.map((call) => call.method)).toEqual(['POST', 'POST', 'GET']);
  });

  it('gives up after three repeats with retryAfterMs', async () => {
    const limited = () => json(429, {}, { 'Retry-After': '2' });
    const { client, fake } = setup([limited(), limited(), limited(), limited(), json(200, SMS)]);
    const error = await failure(client.getSms('acti_one'));
    expect(error).toMatchObject({ kind: 'rate-limited', status: 429, retryAfterMs: 2000 });
    expect(error.message).toBe('Close is receiving too many requests. Try again in 2 s.');
    expect(fake.calls).toHaveLength(4);
  });

  it('fails at once when the wait is longer than a worker can sleep', async () => {
    const { client, fake, waits } = setup([json(429, {}, { 'Retry-After': '120' })]);
    expect(await failure(client.me())).toMatchObject({ kind: 'rate-limited', retryAfterMs: 120_000 });
    expect(fake.calls).toHaveLength(1);
    expect(waits).toEqual([]);
  });

  it('holds back further calls in an exhausted group only', async () => {
    const { client, fake, waits } = setup([
      json(200, SMS, { RateLimit: 'limit=2, remaining=0, reset=3' }),
      json(200, { data: [], has_more: false }),
      json(200, SMS),
    ]);
    await client.getSms('acti_one');
    await client.listSms(); // another group: no wait
    expect(waits).toEqual([]);
    await client.getSms('acti_one');
    expect(waits).toEqual([3000]);
    expect(fake.calls).toHaveLength(3);
  });

  it('a 429 also holds back the next call in that group', async () => {
    const { client, waits } = setup([
      json(429, {}, { 'Retry-After': '1' }),
      json(429, {}, { 'Retry-After': '1' }),
      json(429, {}, { 'Retry-After': '1' }),
      json(429, {}, { 'Retry-After': '4' }),
      json(200, SMS),
    ]);
    await failure(client.getSms('acti_one'));
    await client.getSms('acti_one');
    expect(waits).toEqual([1000, 1000, 1000, 4000]);
  });
});

describe('redirects', () => {
  it('are never followed: no Authorization header and no body leave for the redirect target', async () => {
    const { createServer } = await import('node:http');
    const seenByTarget: string[] = [];
    const target = createServer((req, res) => {
      seenByTarget.push(`${req.method} ${req.headers.authorization ?? 'no auth'}`);
      res.end('{}');
    });
    await new Promise<void>((resolve) => target.listen(0, '127.0.0.1', resolve));
    const targetPort = (target.address() as { port: number }).port;
    const redirector = createServer((_req, res) => {
      res.writeHead(307, { Location: `http://127.0.0.1:${targetPort}/api/v1/activity/sms/` });
      res.end();
    });
    await new Promise<void>((resolve) => redirector.listen(0, '127.0.0.1', resolve));
    const port = (redirector.address() as { port: number }).port;
    try {
      const client = createCloseClient({
        baseUrl: `http://127.0.0.1:${port}/api/v1/`,
        getApiKey: async () => 'secret_key',
        sleep: async () => {},
      });
      const error = await failure(client.createSms({ status: 'draft', text: 'Hi', lead_id: 'lead_one' }));
      expect(error.kind).toBe('network');
      expect(seenByTarget).toEqual([]);
    } finally {
      target.closeAllConnections();
      redirector.closeAllConnections();
      await Promise.all([new Promise((r) => target.close(r)), new Promise((r) => redirector.close(r))]);
    }
  });

  it("asks fetch to refuse them (redirect: 'error')", async () => {
    const { client, fake } = setup([json(200, SMS)]);
    await client.getSms('acti_one');
    expect(fake.calls[0]?.redirect).toBe('error');
  });
});

describe('offline', () => {
  it('fails at once, sends nothing, and says nothing went out', async () => {
    const { client, fake, waits } = setup([], { isOnline: () => false });
    const error = await failure(client.createSms({ status: 'outbox', text: 'Hi', lead_id: 'lead_one' }));
    expect(error).toMatchObject({ kind: 'offline' });
    expect(error.outcomeUnknown).toBeUndefined();
    expect(error.message).toMatch(/nothing was sent/);
    expect(fake.calls).toEqual([]);
    expect(waits).toEqual([]);
  });
});
