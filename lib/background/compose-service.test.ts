import { beforeEach, describe, expect, it, vi } from 'vitest';
import { contact, fakeClose, freshBrowser, SENDERS, US_NUMBER } from '@/tests/unit/support/background';
import type { SendRequest } from '../protocol';
import { createCloseData } from './close-data';
import { complianceSources } from './compliance-facts';
import { composeHandlers } from './compose-service';
import type { DeliveryTracker } from './delivery-tracking';
import { asResult } from './message-gate';

const sender = { ...SENDERS.popup, class: 'extension-page' as const };
const GOOD: SendRequest = {
  mode: 'send',
  to: '+14155550100',
  from: US_NUMBER.number,
  leadId: 'lead_aaaaaaaaaaaaaaaaaaaaaaaa',
  contactId: 'cont_ana',
  text: 'Hi Ana',
  templateId: null,
};

function setup(contacts = [contact('+14155550100')]) {
  const close = fakeClose(contacts);
  const delivery: DeliveryTracker = { track: vi.fn(async () => {}), check: vi.fn(), dismiss: vi.fn(), resume: vi.fn() };
  const data = createCloseData(close);
  const now = () => Date.parse('2026-12-01T18:00:00Z'); // 13:00 in New York, 10:00 in Los Angeles
  const handlers = composeHandlers({ data, delivery, compliance: complianceSources(data, now), now });
  return { close, delivery, handlers, send: (req: SendRequest) => asResult(() => handlers.sendText(req, sender)) };
}

beforeEach(freshBrowser);

describe('the send gate (sendText, whichever page asks)', () => {
  it('sends a good request once, with the undo window, and follows it', async () => {
    const s = setup();
    const r = await s.send(GOOD);
    expect(r.ok).toBe(true);
    expect(s.close.createSms).toHaveBeenCalledTimes(1);
    expect(s.close.createSms).toHaveBeenCalledWith(expect.objectContaining({ status: 'outbox', send_in: 10 }));
    expect(s.delivery.track).toHaveBeenCalledWith('acti_new', 'outbox');
  });

  it.each<[string, Partial<SendRequest>, RegExp]>([
    ['an empty text', { text: '  ' }, /Write a message/],
    ['over 1000 characters', { text: 'x'.repeat(1001) }, /1000-character/],
    ['a schedule in the past', { mode: 'schedule', dateScheduled: '2026-12-01T11:00:00Z' }, /in the past/],
    ['a schedule with no time', { mode: 'schedule' }, /Pick a date/],
    ['a sender that is not the rep’s', { from: '+14155550111' }, /Pick one of your Close numbers/],
    ['a country the sender cannot text', { to: '+442079460000' }, /can text GB numbers|international/],
    ['a template that is not theirs', { text: '', templateId: 'tmpl_other' }, /not one of your active SMS templates/],
    ['a number that is not E.164 as given', { to: '+1415555010' }, /not a valid phone number/],
  ])('refuses %s without calling Close to send', async (_, change, message) => {
    const s = setup([contact(change.to ?? GOOD.to)]);
    const r = await s.send({ ...GOOD, ...change });
    expect(r).toMatchObject({ ok: false, error: { message: expect.stringMatching(message) } });
    expect(s.close.createSms).not.toHaveBeenCalled();
  });

  it.each(['send', 'schedule', 'draft'] as const)(
    'refuses to %s to an opted-out phone, checked with Close now',
    async (mode) => {
      const s = setup([contact('+14155550100'), contact('+14155550100', true, 'cont_ana_work')]);
      const r = await s.send({
        ...GOOD,
        mode,
        ...(mode === 'schedule' ? { dateScheduled: '2026-12-02T09:00:00Z' } : {}),
      });
      expect(r).toMatchObject({
        ok: false,
        error: { kind: 'not-allowed', message: expect.stringMatching(/opted out/) },
      });
      expect(s.close.findContactsByPhone).toHaveBeenCalledWith('+14155550100');
      expect(s.close.createSms).not.toHaveBeenCalled();
    },
  );

  it('a failing opt-out check sends nothing and says why', async () => {
    const s = setup();
    vi.spyOn(console, 'error').mockImplementation(() => {});
    s.close.findContactsByPhone.mockRejectedValueOnce(new Error('offline'));
    const r = await s.send(GOOD);
    expect(r.ok).toBe(false);
    expect(s.close.createSms).not.toHaveBeenCalled();
  });
});
