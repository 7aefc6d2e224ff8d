// @vitest-environment node
import { describe, expect, it } from 'vitest';
import type { CreateSmsBody } from '../../../lib/close/schemas';
import { SEED } from '../../stand-in/server';
import { failure, requestsTo, standInPerFile } from './with-stand-in';

const h = standInPerFile();
const { contacts, leads, phoneNumbers } = SEED;

const sendToAna = (text: string, over: Partial<CreateSmsBody> = {}): CreateSmsBody => ({
  status: 'outbox',
  text,
  lead_id: leads.bayview.id,
  contact_id: contacts.ana.id,
  remote_phone: contacts.ana.phone,
  local_phone: phoneNumbers.us.number,
  ...over,
});

const posts = () => requestsTo(h.standIn, 'POST', 'activity/sms/');
const puts = (id: string) => requestsTo(h.standIn, 'PUT', `activity/sms/${id}/`);

describe('create: an ambiguous failure never sends twice', () => {
  it('connection dropped after Close stored the text: finds it instead of sending again', async () => {
    h.standIn.faults.dropAfterApplyNext({ method: 'POST', path: '/activity/sms/' });
    const sms = await h.client.createSms(sendToAna('Dropped after apply'));
    const stored = h.standIn.state.smsByText('Dropped after apply');
    expect(stored).toHaveLength(1);
    expect(sms.id).toBe(stored[0]?.id);
    expect(posts()).toHaveLength(1);
    const lookup = requestsTo(h.standIn, 'GET', 'activity/sms/')[0];
    expect(lookup?.query).toMatchObject({ lead_id: leads.bayview.id, contact_id: contacts.ana.id });
    expect(lookup?.query.date_created__gt).toBeTruthy();
  });

  it('also for a scheduled send', async () => {
    h.standIn.faults.dropAfterApplyNext({ method: 'POST', path: '/activity/sms/' });
    const when = new Date(Date.now() + 3_600_000).toISOString();
    const sms = await h.client.createSms(
      sendToAna('Scheduled, dropped', { status: 'scheduled', date_scheduled: when }),
    );
    expect(sms.status).toBe('scheduled');
    expect(h.standIn.state.smsByText('Scheduled, dropped')).toHaveLength(1);
  });

  it('also with a template (matched by template_id, since Close rendered the text)', async () => {
    h.standIn.faults.dropAfterApplyNext({ method: 'POST', path: '/activity/sms/' });
    const sms = await h.client.createSms(sendToAna('', { text: undefined, template_id: SEED.templates.intro.id }));
    expect(sms.template_id).toBe(SEED.templates.intro.id);
    const stored = h.standIn.state.smsList().filter((item) => item.template_id === SEED.templates.intro.id);
    expect(stored).toHaveLength(1);
    expect(posts()).toHaveLength(1);
  });

  it('does not mistake an older identical text for this one', async () => {
    const before = h.standIn.state.sms.get(SEED.sms.sent.id);
    h.standIn.faults.dropAfterApplyNext({ method: 'POST', path: '/activity/sms/' });
    const sms = await h.client.createSms(sendToAna(before?.text ?? ''));
    expect(sms.id).not.toBe(SEED.sms.sent.id);
    expect(h.standIn.state.smsByText(before?.text ?? '')).toHaveLength(2);
  });

  it('a hung request (never applied) is looked for, then sent once', async () => {
    // Long enough that the lookup and the repeat don't time out on a busy machine.
    const client = h.clientWith({ timeoutMs: 1000 });
    h.standIn.faults.hangNext({ method: 'POST', path: '/activity/sms/' });
    const sms = await client.createSms(sendToAna('Hung once'));
    expect(sms.status).toBe('outbox');
    expect(h.standIn.state.smsByText('Hung once')).toHaveLength(1);
    expect(posts()).toHaveLength(2);
  });

  it.each([500, 502, 503])('a %d (not applied) is looked for, then sent once', async (status) => {
    h.standIn.faults.failNext({ status, method: 'POST', path: '/activity/sms/' });
    await h.client.createSms(sendToAna(`After ${status}`));
    expect(h.standIn.state.smsByText(`After ${status}`)).toHaveLength(1);
    expect(posts()).toHaveLength(2);
  });

  it('two ambiguous failures in a row: gives up without a third try', async () => {
    h.standIn.faults.failNext({ count: 2, status: 503, method: 'POST', path: '/activity/sms/' });
    const error = await failure(h.client.createSms(sendToAna('Twice 503')));
    expect(error).toMatchObject({ kind: 'server', status: 503 });
    expect(error.outcomeUnknown).toBeUndefined();
    expect(posts()).toHaveLength(2);
    expect(h.standIn.state.smsByText('Twice 503')).toHaveLength(0);
  });

  it('the draft POST lost its answer and the lookup fails: the repeat makes a second draft, which is swept', async () => {
    h.standIn.faults.dropAfterApplyNext({ method: 'POST', path: '/activity/sms/' });
    h.standIn.faults.failNext({ count: 3, status: 503, method: 'GET', path: '/activity/sms/' });
    const sms = await h.client.createSms(sendToAna('Lookup failed'));
    expect(posts()).toHaveLength(2);
    const stored = h.standIn.state.smsByText('Lookup failed');
    expect(stored.map((item) => [item.id, item.status])).toEqual([[sms.id, 'outbox']]);
  });

  it('the sending PUT lost its answer and the read-back fails: outcome unknown, exactly one SMS, not re-sent', async () => {
    h.standIn.faults.dropAfterApplyNext({ method: 'PUT', path: '/activity/sms/' });
    h.standIn.faults.failNext({ count: 3, status: 503, method: 'GET', path: /\/activity\/sms\/acti_/ });
    const error = await failure(h.client.createSms(sendToAna('Unknown outcome')));
    expect(error).toMatchObject({ kind: 'network', outcomeUnknown: true });
    expect(error.message).toMatch(/before sending again/);
    expect(posts()).toHaveLength(1);
    expect(h.standIn.state.smsByText('Unknown outcome').map((item) => item.status)).toEqual(['outbox']);
  });

  it('a 429 is simply waited out and repeated (Close did not apply it)', async () => {
    h.standIn.faults.failNext({ status: 429, headers: { 'Retry-After': '1' }, method: 'POST', path: '/activity/sms/' });
    await h.client.createSms(sendToAna('After 429'));
    expect(h.standIn.state.smsByText('After 429')).toHaveLength(1);
    expect(posts()).toHaveLength(2);
    // No lookup: only the sweep for stray drafts after the send.
    expect(requestsTo(h.standIn, 'GET', 'activity/sms/')).toHaveLength(1);
    // The send's PUT shares the POST's bucket (POST/PUT /activity/), so it waits for the same window; the injected
    // sleep returns at once, so it sees that window still closed.
    expect(h.waits).toHaveLength(2);
    expect(h.waits[0]).toBeGreaterThan(900);
  });

  it('a 400 is final: no lookup, no retry', async () => {
    h.standIn.faults.failNext({ status: 400, body: { errors: ['Nope.'] }, method: 'POST', path: '/activity/sms/' });
    expect(await failure(h.client.createSms(sendToAna('Refused')))).toMatchObject({
      kind: 'bad-request',
      message: 'Nope.',
    });
    expect(posts()).toHaveLength(1);
    expect(requestsTo(h.standIn, 'GET', 'activity/sms/')).toHaveLength(0);
  });
});

describe('update to outbox: an ambiguous failure never sends twice', () => {
  const draftId = SEED.sms.draft.id;

  it('connection dropped after Close moved it to outbox: re-reads and returns it', async () => {
    h.standIn.faults.dropAfterApplyNext({ method: 'PUT', path: '/activity/sms/' });
    const sms = await h.client.updateSms(draftId, { status: 'outbox' });
    expect(['outbox', 'sent']).toContain(sms.status);
    expect(puts(draftId)).toHaveLength(1);
    expect(requestsTo(h.standIn, 'GET', `activity/sms/${draftId}/`)).toHaveLength(1);
    expect(h.standIn.state.smsByText(SEED.sms.draft.text)).toHaveLength(1);
  });

  it('dropped schedule: re-reads and returns it', async () => {
    h.standIn.faults.dropAfterApplyNext({ method: 'PUT', path: '/activity/sms/' });
    const when = new Date(Date.now() + 3_600_000).toISOString();
    const sms = await h.client.updateSms(draftId, { status: 'scheduled', date_scheduled: when });
    expect(sms.status).toBe('scheduled');
    expect(puts(draftId)).toHaveLength(1);
  });

  it('a 503 (not applied): still a draft on re-read, so sent once', async () => {
    h.standIn.faults.failNext({ status: 503, method: 'PUT', path: '/activity/sms/' });
    const sms = await h.client.updateSms(draftId, { status: 'outbox' });
    expect(sms.status).toBe('outbox');
    expect(puts(draftId)).toHaveLength(2);
    expect(h.standIn.state.smsByText(SEED.sms.draft.text)).toHaveLength(1);
  });

  it('a plain draft edit is repeated like a read after a dropped connection', async () => {
    h.standIn.faults.dropAfterApplyNext({ method: 'PUT', path: '/activity/sms/' });
    const sms = await h.client.updateSms(draftId, { text: 'Edited twice is fine' });
    expect(sms.text).toBe('Edited twice is fine');
    expect(puts(draftId)).toHaveLength(2);
  });
});

describe('delete', () => {
  it('a dropped connection after the delete: the repeat gets 404, which means done', async () => {
    h.standIn.faults.dropAfterApplyNext({ method: 'DELETE', path: '/activity/sms/' });
    await expect(h.client.deleteSms(SEED.sms.draft.id)).resolves.toBeUndefined();
    expect(h.standIn.state.sms.has(SEED.sms.draft.id)).toBe(false);
    expect(requestsTo(h.standIn, 'DELETE', `activity/sms/${SEED.sms.draft.id}/`)).toHaveLength(2);
  });
});

describe('a request repeated below the client (the browser re-sending a POST, a proxy) never makes a second text', () => {
  /** Sends every write twice and hands back only the second answer, as Chromium does after a dropped kept-alive connection. */
  const doublingFetch: typeof fetch = async (input, init) => {
    const method = (init?.method ?? 'GET').toUpperCase();
    if (method !== 'GET') await fetch(input, init).then((response) => response.text());
    return fetch(input, init);
  };

  it.each([
    ['send now', { status: 'outbox', send_in: 5 }, 'outbox'],
    ['schedule', { status: 'scheduled', date_scheduled: new Date(Date.now() + 86_400_000).toISOString() }, 'scheduled'],
  ] as const)('%s: one SMS, no stray draft', async (_name, over, status) => {
    const client = h.clientWith({ fetch: doublingFetch });
    const text = `Doubled ${status}`;
    const sms = await client.createSms(sendToAna(text, over));
    expect(sms.status).toBe(status);
    expect(posts()).toHaveLength(2);
    expect(h.standIn.state.smsByText(text).map((item) => [item.id, item.status])).toEqual([[sms.id, status]]);
  });

  it('a quick edit sending a draft: the repeated PUT is read as "already sent"', async () => {
    const client = h.clientWith({ fetch: doublingFetch });
    const sms = await client.updateSms(SEED.sms.draft.id, { status: 'outbox', send_in: 5 });
    expect(sms.status).toBe('outbox');
    expect(puts(SEED.sms.draft.id)).toHaveLength(2);
    expect(h.standIn.state.smsByText(SEED.sms.draft.text)).toHaveLength(1);
  });
});
