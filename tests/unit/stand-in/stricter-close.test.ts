// @vitest-environment node
// Where the stand-in is as strict as Close, not kinder (issue 12): timers at any distance, carriers that fail late or
// already have the text, MMS rules.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SEED, type StandIn, startStandIn } from '../../stand-in/server';
import type { SmsRecord } from '../../stand-in/types';
import { call } from './http-client';

const SEND_DELAY_MS = 80;
let stand: StandIn;

beforeAll(async () => {
  stand = await startStandIn({ sendDelayMs: SEND_DELAY_MS, sendInUnitMs: 20 });
});
afterAll(() => stand.close());
beforeEach(() => stand.reset());

const { ana, oliver, chloe } = SEED.contacts;
const US = SEED.phoneNumbers.us.number;
const GB = SEED.phoneNumbers.gb.number;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const toAna = (extra: Record<string, unknown>) => ({
  local_phone: US,
  remote_phone: ana.phone,
  contact_id: ana.id,
  text: 'Strict',
  ...extra,
});
const create = (body: unknown) => call<SmsRecord>(stand, 'POST', 'activity/sms/', { body });
const put = (id: string, body: unknown) => call<SmsRecord>(stand, 'PUT', `activity/sms/${id}/`, { body });
const yearsAhead = (years: number) => new Date(Date.now() + years * 365 * 86_400_000).toISOString();

describe('scheduling at any distance', () => {
  it.each([
    ['an hour', 1 / (365 * 24)],
    ['30 days (past setTimeout’s 24.8-day ceiling)', 30 / 365],
    ['three years', 3],
  ])('a text scheduled %s ahead can be cancelled', async (_name, years) => {
    const created = await create(toAna({ status: 'scheduled', date_scheduled: yearsAhead(years) }));
    expect(created.status).toBe(200);
    const cancelled = await put(created.body.id, { status: 'draft' });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toMatchObject({ status: 'draft', date_scheduled: null });
  });
});

describe('the carrier', () => {
  it('a late failure: sent, then error with the carrier’s message', async () => {
    stand.state.lateFailures.set(ana.phone, 'Carrier reported the message undelivered (30003).');
    const { body } = await create(toAna({ status: 'outbox', text: 'Late failure' }));
    await expect.poll(() => stand.state.sms.get(body.id)?.status, { interval: 10 }).toBe('sent');
    await expect.poll(() => stand.state.sms.get(body.id)?.status, { interval: 10 }).toBe('error');
    expect(stand.state.sms.get(body.id)?.error_message).toBe('Carrier reported the message undelivered (30003).');
  });

  it('DELETE in the undo window stops the text', async () => {
    const { body } = await create(toAna({ status: 'outbox', send_in: 5, text: 'Deleted in time' }));
    expect((await call(stand, 'DELETE', `activity/sms/${body.id}/`)).status).toBe(200);
    await sleep(5 * 20 + SEND_DELAY_MS * 2);
    expect(stand.carrier.filter((handed) => handed.text === 'Deleted in time')).toEqual([]);
  });

  it('DELETE of a text already handed to the carrier removes the record but does not un-send it', async () => {
    const { body } = await create(toAna({ status: 'outbox', text: 'Too late to delete' }));
    expect((await call(stand, 'DELETE', `activity/sms/${body.id}/`)).status).toBe(200);
    expect(stand.state.sms.has(body.id)).toBe(false);
    await expect
      .poll(() => stand.carrier.filter((handed) => handed.text === 'Too late to delete').length, { interval: 10 })
      .toBe(1);
  });
});

describe('MMS', () => {
  const picture = [{ url: 'https://files.example/a.jpg', filename: 'a.jpg', content_type: 'image/jpeg' }];

  it('goes from an MMS-enabled number to a country it supports', async () => {
    expect((await create(toAna({ status: 'outbox', attachments: picture }))).status).toBe(200);
    const toChloe = { local_phone: US, remote_phone: chloe.phone, contact_id: chloe.id, text: 'CA' };
    expect((await create({ ...toChloe, status: 'outbox', attachments: picture })).status).toBe(200);
  });

  it('is refused from a number without mms_enabled, naming the attachments', async () => {
    const toOliver = { local_phone: GB, remote_phone: oliver.phone, contact_id: oliver.id, text: 'UK picture' };
    const refused = await call(stand, 'POST', 'activity/sms/', {
      body: { ...toOliver, status: 'outbox', attachments: picture },
    });
    expect(refused.status).toBe(400);
    expect(refused.body['field-errors']?.attachments).toMatch(/cannot send MMS/);
    // The same text without the picture is fine: SMS to GB is supported.
    expect((await create({ ...toOliver, status: 'outbox' })).status).toBe(200);
  });

  it('is refused to a country outside supports_mms_to_countries', async () => {
    stand.state.phoneNumbers = stand.state.phoneNumbers.map((number) =>
      number.number === US ? { ...number, supports_mms_to_countries: ['US'] } : number,
    );
    const toChloe = { local_phone: US, remote_phone: chloe.phone, contact_id: chloe.id, text: 'CA picture' };
    const refused = await call(stand, 'POST', 'activity/sms/', {
      body: { ...toChloe, status: 'outbox', attachments: picture },
    });
    expect(refused.status).toBe(400);
    expect(refused.body['field-errors']?.attachments).toMatch(/cannot send MMS to CA/);
  });
});
