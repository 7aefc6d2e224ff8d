import { beforeEach, describe, expect, it, vi } from 'vitest';
import { contact, fakeClose, freshBrowser, SENDERS, sms, US_NUMBER } from '@/tests/unit/support/background';
import { CloseApiError } from '../close/errors';
import type { Contact } from '../close/schemas';
import type { SendRequest } from '../protocol';
import { complianceLogItem } from '../storage';
import { createCloseData } from './close-data';
import { complianceSources } from './compliance-facts';
import { composeHandlers } from './compose-service';
import type { DeliveryTracker } from './delivery-tracking';
import { asResult } from './message-gate';

const sender = { ...SENDERS.popup, class: 'extension-page' as const };
const TO = '+14155550100';
const GOOD: SendRequest = {
  mode: 'send',
  to: TO,
  from: US_NUMBER.number,
  leadId: 'lead_aaaaaaaaaaaaaaaaaaaaaaaa',
  contactId: 'cont_ana',
  text: 'Hi Ana',
  templateId: null,
};
// 07:40 UTC is 02:40 in New York (the fake contact's zone); 18:00 UTC is 13:00 there.
const NIGHT = Date.parse('2026-12-01T07:40:00Z');
const DAY = Date.parse('2026-12-01T18:00:00Z');

function withZone(patch: Partial<Contact>, tzIds?: string[]): Contact {
  const c = contact(TO);
  return {
    ...c,
    ...patch,
    phones: c.phones.map((p) => ({ ...p, ...(tzIds ? { tz_ids: tzIds } : {}) })),
  };
}

function setup(at: number, contacts: Contact[] = [contact(TO)]) {
  const close = fakeClose(contacts);
  const delivery: DeliveryTracker = { track: vi.fn(async () => {}), check: vi.fn(), dismiss: vi.fn(), resume: vi.fn() };
  const data = createCloseData(close);
  const now = () => at;
  const handlers = composeHandlers({ data, delivery, compliance: complianceSources(data, now), now });
  return {
    close,
    handlers,
    send: (req: SendRequest) => asResult(() => handlers.sendText(req, sender)),
    context: () => asResult(() => handlers.getComposeContext({ to: TO }, sender)),
  };
}

beforeEach(freshBrowser);

describe('quiet hours in the send gate', () => {
  it('refuses Send at 02:40 their time, offering 8:00 their time and an acknowledgement', async () => {
    const s = setup(NIGHT);
    const r = await s.send(GOOD);
    expect(r).toMatchObject({
      ok: false,
      error: {
        kind: 'not-allowed',
        message: expect.stringMatching(/^It’s 02:40 for Ana Torres, in New York — outside quiet hours/),
        confirm: { ack: 'quiet-hours' },
        nextAllowed: '2026-12-01T13:00:00Z', // 08:00 EST
      },
    });
    expect(s.close.createSms).not.toHaveBeenCalled();
  });

  it('sends once the rep acknowledged it, and logs the override', async () => {
    const s = setup(NIGHT);
    const r = await s.send({ ...GOOD, acknowledged: ['quiet-hours', 'double-text'] });
    expect(r.ok).toBe(true);
    expect(s.close.createSms).toHaveBeenCalledTimes(1);
    const [entry, ...rest] = await complianceLogItem.getValue();
    expect(rest).toEqual([]);
    // Only what was needed is logged: there was no double text to acknowledge.
    expect(entry).toMatchObject({ smsId: 'acti_new', to: TO, acknowledged: ['quiet-hours'] });
    expect(entry?.findings[0]).toMatch(/02:40 for Ana Torres/);
  });

  it('checks a schedule at its own instant', async () => {
    const s = setup(DAY);
    const late = await s.send({ ...GOOD, mode: 'schedule', dateScheduled: '2026-12-02T03:00:00Z' }); // 22:00 EST
    expect(late).toMatchObject({ ok: false, error: { confirm: { ack: 'quiet-hours' } } });
    const ok = await s.send({ ...GOOD, mode: 'schedule', dateScheduled: '2026-12-02T13:00:00Z' }); // 08:00 EST
    expect(ok.ok).toBe(true);
  });

  it.each<[string, Contact, RegExp]>([
    [
      'an invalid zone on the contact falls back to the phone’s, and says so',
      withZone({ timezone: 'Mars/Base' }),
      /02:40 for Ana Torres, in New York/,
    ],
    [
      'five tz_ids: the strictest window (Honolulu opens last)',
      withZone({}, [
        'America/New_York',
        'America/Chicago',
        'America/Denver',
        'America/Los_Angeles',
        'Pacific/Honolulu',
      ]),
      /may be in 5 time zones; the strictest applies/,
    ],
  ])('%s', async (_name, c, message) => {
    const s = setup(NIGHT, [c]);
    const r = await s.send(GOOD);
    expect(r).toMatchObject({ ok: false, error: { message: expect.stringMatching(message) } });
    if (!r.ok && c.phones[0]?.tz_ids?.length === 5) expect(r.error.nextAllowed).toBe('2026-12-01T18:00:00Z'); // 8:00 HST
  });

  it('an unknown zone is asked about, never assumed', async () => {
    const s = setup(DAY, [withZone({ timezone: 'Not/AZone' }, [])]);
    const r = await s.send(GOOD);
    expect(r).toMatchObject({
      ok: false,
      error: { confirm: { ack: 'zone-unknown' }, message: expect.stringMatching(/invalid zone: “Not\/AZone”/) },
    });
  });
});

describe('blocks in the send gate', () => {
  it('refuses a number on the organization’s blocked list, acknowledged or not', async () => {
    const s = setup(DAY);
    s.close.blockedPhoneNumbers.mockResolvedValue([{ id: 'bpn_1', phone: TO, reason: 'Asked not to be contacted' }]);
    const r = await s.send({ ...GOOD, acknowledged: ['quiet-hours', 'double-text', 'blocked-list-unavailable'] });
    expect(r).toMatchObject({ ok: false, error: { message: expect.stringMatching(/blocked numbers in Close/) } });
    expect(r.ok || r.error.confirm).toBeUndefined();
    expect(s.close.createSms).not.toHaveBeenCalled();
  });

  it('a 5,000-number list is read once and then served from the cache', async () => {
    const s = setup(DAY);
    const list = Array.from({ length: 5000 }, (_, i) => ({
      id: `bpn_${i}`,
      phone: `+1202555${String(i).padStart(4, '0')}`,
      reason: null,
    }));
    s.close.blockedPhoneNumbers.mockResolvedValue(list);
    expect((await s.send(GOOD)).ok).toBe(true);
    expect(await s.send({ ...GOOD, to: '+12025554999' })).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/blocked numbers in Close/) },
    });
    expect(s.close.blockedPhoneNumbers).toHaveBeenCalledTimes(1);
  });

  it('a 403 on the blocked list is never skipped silently: the rep must say they checked', async () => {
    const s = setup(DAY);
    s.close.blockedPhoneNumbers.mockRejectedValue(new CloseApiError('forbidden', 'You do not have permission.'));
    const r = await s.send(GOOD);
    expect(r).toMatchObject({
      ok: false,
      error: { confirm: { ack: 'blocked-list-unavailable' }, message: expect.stringMatching(/HTTP 403/) },
    });
    expect(s.close.createSms).not.toHaveBeenCalled();
    expect((await s.send({ ...GOOD, acknowledged: ['blocked-list-unavailable'] })).ok).toBe(true);
  });

  it('blocking from the composer reaches Close and the cache at once', async () => {
    const s = setup(DAY);
    await s.send(GOOD); // warms the cache
    await asResult(() => s.handlers.blockNumber({ phone: TO, reason: 'Replied STOP' }, sender));
    expect(s.close.blockPhoneNumber).toHaveBeenCalledWith({ phone: TO, reason: 'Replied STOP' });
    expect((await s.send(GOOD)).ok).toBe(false);
  });
});

describe('the thread in the send gate', () => {
  it('someone else texted 12 minutes ago: Send asks once more', async () => {
    const s = setup(DAY);
    s.close.listSms.mockResolvedValue({
      data: [
        sms({
          id: 'acti_dana',
          status: 'sent',
          direction: 'outbound',
          user_id: 'user_dana',
          user_name: 'Dana Reyes',
          date_sent: '2026-12-01T17:48:00Z',
          remote_phone: TO,
        }),
      ],
      has_more: false,
    });
    const r = await s.send(GOOD);
    expect(r).toMatchObject({
      ok: false,
      error: { confirm: { ack: 'double-text' }, message: 'Dana Reyes texted this number 12 min ago' },
    });
    expect((await s.send({ ...GOOD, acknowledged: ['double-text'] })).ok).toBe(true);
  });

  it('a reply that reads like an opt-out is asked about; the composer sees it too', async () => {
    const s = setup(DAY);
    s.close.listSms.mockResolvedValue({
      data: [
        sms({ id: 'acti_in', status: 'inbox', direction: 'inbound', text: 'Please stop texting me', remote_phone: TO }),
      ],
      has_more: false,
    });
    const r = await s.send(GOOD);
    expect(r).toMatchObject({ ok: false, error: { confirm: { ack: 'opt-out-reply' } } });
    const ctx = await s.context();
    expect(ctx.ok && ctx.value.compliance?.facts.lastInbound?.text).toBe('Please stop texting me');
    // Not a first text any more? An inbound reply is not an outbound text: the footer is still offered.
    expect(ctx.ok && ctx.value.compliance?.footer).toBe('- Dana, Bayview. Reply STOP to opt out');
  });
});
