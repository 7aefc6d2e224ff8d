// @vitest-environment node
import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { createCloseClient } from '../../../lib/close/client';
import { SEED } from '../../stand-in/server';
import { failure, requestsTo, standInPerFile } from './with-stand-in';

const h = standInPerFile();
const { contacts, leads, phoneNumbers } = SEED;

const draftToAna = {
  status: 'draft' as const,
  text: 'Hi Ana',
  lead_id: leads.bayview.id,
  contact_id: contacts.ana.id,
  remote_phone: contacts.ana.phone,
  local_phone: phoneNumbers.us.number,
};

describe('HTTP errors become typed errors', () => {
  it.each([
    [400, { error: 'Bad.' }, 'bad-request', 'Bad.'],
    [
      401,
      { error: 'Unauthorized.' },
      'unauthorized',
      "Close rejected your API key. Check it in the extension's options.",
    ],
    [
      402,
      { error: 'Upgrade your plan.' },
      'payment-required',
      'Your Close plan does not allow this. Ask your Close admin. Close says: Upgrade your plan.',
    ],
    [
      403,
      { error: 'Not allowed.' },
      'forbidden',
      'Your Close user is not allowed to do this. Ask your Close admin. Close says: Not allowed.',
    ],
    [404, { error: 'Not found.' }, 'not-found', 'Close could not find this. It may have been deleted.'],
    [500, { error: 'Internal' }, 'server', 'Close had a problem (HTTP 500). Try again in a moment.'],
  ])('%d → %s', async (status, body, kind, message) => {
    h.standIn.faults.failNext({ status, body, method: 'GET', path: '/me/' });
    const error = await failure(h.client.me());
    expect(error).toMatchObject({ kind, status, message });
    expect(requestsTo(h.standIn, 'GET', 'me/')).toHaveLength(1);
  });

  it.each([502, 503])('%d on a GET is repeated, and the repeat succeeds', async (status) => {
    h.standIn.faults.failNext({ status, body: '<html>Bad gateway</html>', method: 'GET', path: '/me/' });
    await expect(h.client.me()).resolves.toMatchObject({ id: SEED.user.id });
    expect(requestsTo(h.standIn, 'GET', 'me/')).toHaveLength(2);
    expect(h.waits).toEqual([500]);
  });

  it('503 three times on a GET gives up as server', async () => {
    h.standIn.faults.failNext({ count: 3, status: 503, method: 'GET', path: '/me/' });
    expect(await failure(h.client.me())).toMatchObject({ kind: 'server', status: 503 });
    expect(requestsTo(h.standIn, 'GET', 'me/')).toHaveLength(3);
  });

  it('a wrong key is refused by the stand-in itself', async () => {
    const client = h.clientWith({ getApiKey: async () => 'not_the_key' });
    expect(await failure(client.me())).toMatchObject({ kind: 'unauthorized', status: 401 });
  });

  it('no key: no request at all', async () => {
    const client = h.clientWith({ getApiKey: async () => null });
    expect(await failure(client.me())).toMatchObject({ kind: 'no-key' });
    expect(h.standIn.requests).toHaveLength(0);
  });

  it('a real 404 for an unknown SMS', async () => {
    expect(await failure(h.client.getSms('acti_doesnotexist'))).toMatchObject({ kind: 'not-found', status: 404 });
  });

  it("a real 400 carries Close's own words", async () => {
    const error = await failure(
      h.client.createSms({
        ...draftToAna,
        status: 'outbox',
        contact_id: contacts.oliver.id,
        lead_id: leads.thames.id,
        remote_phone: contacts.oliver.phone,
      }),
    );
    expect(error.kind).toBe('bad-request');
    expect(error.status).toBe(400);
    expect(error.fieldErrors?.local_phone).toBeTruthy();
    expect(error.message).toContain(`local_phone: ${error.fieldErrors?.local_phone}`);
    expect(h.standIn.state.smsByText('Hi Ana')).toHaveLength(0);
  });

  it('a stand-in 400 for an archived template', async () => {
    const error = await failure(
      h.client.createSms({ ...draftToAna, text: undefined, template_id: SEED.templates.archived.id }),
    );
    expect(error).toMatchObject({ kind: 'bad-request', status: 400 });
    expect(error.message.length).toBeGreaterThan(5);
  });

  it('a hung request times out', async () => {
    const client = h.clientWith({ timeoutMs: 150 });
    h.standIn.faults.hangNext({ method: 'GET', path: '/me/' });
    expect(await failure(client.me())).toMatchObject({ kind: 'timeout', message: "Close didn't answer in 0.2 s." });
  });

  it('a closed port is a network error', async () => {
    const port = await freePort();
    const client = createCloseClient({
      baseUrl: `http://127.0.0.1:${port}/api/v1/`,
      getApiKey: async () => 'key',
      sleep: async () => {},
    });
    expect(await failure(client.me())).toMatchObject({
      kind: 'network',
      message: "Can't reach Close. Check your connection.",
    });
  });

  it('an answer missing a required field is bad-response, not a crash', async () => {
    h.standIn.faults.failNext({ status: 200, body: { id: SEED.user.id, email: 'x@y' }, method: 'GET', path: '/me/' });
    const error = await failure(h.client.me());
    expect(error).toMatchObject({ kind: 'bad-response' });
    expect(error.message).toContain('"first_name" is missing');
  });
});

describe('bad input never reaches Close', () => {
  it.each([
    ['getLead with a contact id', () => h.client.getLead(contacts.ana.id)],
    ['getSms with a lead id', () => h.client.getSms(leads.bayview.id)],
    ['updateSms with a contact id', () => h.client.updateSms(contacts.ana.id, { text: 'x' })],
    ['deleteSms with garbage', () => h.client.deleteSms('acti_../../lead')],
    ['listSms with a contact id as lead', () => h.client.listSms({ lead_id: contacts.ana.id })],
    ['createSms with a contact id as lead', () => h.client.createSms({ ...draftToAna, lead_id: contacts.ana.id })],
    ['createSms with a national number', () => h.client.createSms({ ...draftToAna, remote_phone: '(650) 666-0123' })],
    ['createSms scheduled without a date', () => h.client.createSms({ ...draftToAna, status: 'scheduled' })],
    [
      'createSms scheduled without an offset',
      () => h.client.createSms({ ...draftToAna, status: 'scheduled', date_scheduled: '2026-05-05T16:00:00' }),
    ],
    ['createSms with an unknown field', () => h.client.createSms({ ...draftToAna, sendIn: 5 } as never)],
    ['createSms with send_in of 60', () => h.client.createSms({ ...draftToAna, status: 'outbox', send_in: 60 })],
    ['smsPhoneNumbers with a lead id', () => h.client.smsPhoneNumbers(leads.bayview.id)],
    ['findContactsByPhone with a national number', () => h.client.findContactsByPhone('6506660123')],
    ['createLead without a valid phone', () => h.client.createLead({ name: 'X', phone: '+1 650' })],
  ])('%s → invalid-input', async (_name, run) => {
    const error = await failure(run());
    expect(error.kind).toBe('invalid-input');
    expect(Object.keys(error.fieldErrors ?? {})).not.toHaveLength(0);
    expect(h.standIn.requests).toHaveLength(0);
  });
});

describe('rate limits', () => {
  it.each([
    ['RateLimit with commas', { RateLimit: 'limit=2, remaining=0, reset=1.5' }, undefined, 1500],
    ['RateLimit with semicolons', { RateLimit: 'limit=2; remaining=0; reset=3' }, undefined, 3000],
    ['Retry-After seconds', { 'Retry-After': '4' }, undefined, 4000],
    ['RateLimit-Reset', { 'RateLimit-Reset': '5' }, undefined, 5000],
    ['body error.rate_reset', {}, { error: { message: 'slow down', rate_reset: 6 } }, 6000],
    ['body rate_reset', {}, { rate_reset: 7 }, 7000],
    ['nothing', {}, { error: 'slow down' }, 2000],
  ])('waits what a 429 says (%s) and repeats', async (_name, headers, body, expected) => {
    h.standIn.faults.failNext({ status: 429, headers, body, method: 'GET', path: '/me/' });
    await expect(h.client.me()).resolves.toMatchObject({ id: SEED.user.id });
    // The wait is measured on the real clock here, so a few ms may already have passed when it starts.
    expect(h.waits).toHaveLength(1);
    expect(h.waits[0]).toBeGreaterThan(expected - 100);
    expect(h.waits[0]).toBeLessThanOrEqual(expected);
    expect(requestsTo(h.standIn, 'GET', 'me/')).toHaveLength(2);
  });

  it('waits what an HTTP-date Retry-After says', async () => {
    const at = new Date(Date.now() + 10_000).toUTCString();
    h.standIn.faults.failNext({ status: 429, headers: { 'Retry-After': at }, method: 'GET', path: '/me/' });
    await h.client.me();
    expect(h.waits).toHaveLength(1);
    expect(h.waits[0]).toBeGreaterThan(8000);
    expect(h.waits[0]).toBeLessThanOrEqual(10_000);
  });

  it('adds up to 20% jitter', async () => {
    const client = h.clientWith({ random: () => 0.5 });
    h.standIn.faults.failNext({ status: 429, headers: { 'Retry-After': '2' }, method: 'GET', path: '/me/' });
    await client.me();
    expect(h.waits[0]).toBeGreaterThan(2100);
    expect(h.waits[0]).toBeLessThanOrEqual(2200);
  });

  it('gives up after three repeats, telling when to try again', async () => {
    h.standIn.faults.failNext({ count: 4, status: 429, headers: { 'Retry-After': '3' }, method: 'GET', path: '/me/' });
    const error = await failure(h.client.me());
    expect(error).toMatchObject({ kind: 'rate-limited', status: 429, retryAfterMs: 3000 });
    expect(requestsTo(h.standIn, 'GET', 'me/')).toHaveLength(4);
  });

  it("the stand-in's own limit: an exhausted group waits before its next call, other groups don't", async () => {
    h.standIn.rateLimits.setLimit('GET /me/', 1, 10_000);
    await h.client.me();
    await h.client.smsTemplates();
    expect(h.waits).toEqual([]);
    // The injected sleep returns at once, so the stand-in still refuses the next call; what matters is that the
    // client waited out the window before sending it.
    await failure(h.client.me());
    expect(h.waits[0]).toBeGreaterThan(9000);
    expect(h.waits[0]).toBeLessThanOrEqual(10_000);
  });

  it('a group closed for longer than a worker can sleep fails at once, without a request', async () => {
    h.standIn.rateLimits.setLimit('GET /me/', 1, 120_000);
    await h.client.me();
    const error = await failure(h.client.me());
    expect(error.kind).toBe('rate-limited');
    expect(error.retryAfterMs).toBeGreaterThan(100_000);
    expect(error.message).toMatch(/Try again in 1\d\d s\./);
    expect(requestsTo(h.standIn, 'GET', 'me/')).toHaveLength(1);
    expect(h.waits).toEqual([]);
  });

  it('a real 429 from the stand-in is waited out and repeated', async () => {
    h.standIn.rateLimits.setLimit('GET /activity/sms/{id}/', 1, 200);
    const client = h.clientWith({ sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)) });
    await client.getSms(SEED.sms.sent.id);
    h.standIn.faults.failNext({
      status: 429,
      headers: { RateLimit: 'limit=1, remaining=0, reset=0.2' },
      path: '/activity/sms/',
    });
    await expect(client.getSms(SEED.sms.sent.id)).resolves.toMatchObject({ id: SEED.sms.sent.id });
  });
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}
