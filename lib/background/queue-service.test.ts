import { beforeEach, describe, expect, it, vi } from 'vitest';
import { contact, fakeClose, freshBrowser, SENDERS, sms } from '@/tests/unit/support/background';
import { createCloseData } from './close-data';
import { complianceSources } from './compliance-facts';
import type { DeliveryTracker } from './delivery-tracking';
import { queueHandlers } from './queue-service';

const popup = { ...SENDERS.popup, class: 'extension-page' as const };

function setup(blocked = false) {
  const close = fakeClose([contact('+14155550100', blocked)]);
  const draft = sms({ id: 'acti_d', status: 'draft', text: 'Hi', lead_id: 'lead_aaaaaaaaaaaaaaaaaaaaaaaa' });
  close.iterateSms.mockImplementation(async function* () {
    yield draft;
    yield sms({ id: 'acti_s', status: 'sent' });
  });
  close.getSms.mockResolvedValue(draft);
  close.updateSms.mockImplementation(async (id: string, patch: object) => ({ ...draft, id, ...patch }));
  const delivery: DeliveryTracker = {
    track: vi.fn(async () => {}),
    check: vi.fn(),
    dismiss: vi.fn(async () => {}),
    resume: vi.fn(),
  };
  const data = createCloseData(close);
  return { close, delivery, h: queueHandlers({ data, delivery, compliance: complianceSources(data) }) };
}

const seen = { status: 'draft', text: 'Hi', dateScheduled: null };

beforeEach(() => {
  freshBrowser();
  // 13:00 in New York, the fake contact's zone: inside quiet hours whenever the suite runs.
  vi.useFakeTimers({ toFake: ['Date'], now: new Date('2026-12-01T18:00:00Z') });
  return () => vi.useRealTimers();
});

describe('queue service', () => {
  it('lists drafts (not sent texts) with lead names, and answers the cached list after', async () => {
    const { h } = setup();
    expect(await h.getQueue(undefined, popup)).toBeNull();
    const rows = await h.refreshQueue(undefined, popup);
    expect(rows.map((r) => [r.id, r.leadName])).toEqual([['acti_d', 'Bayview Dental']]);
    expect((await h.getQueue(undefined, popup))?.map((r) => r.id)).toEqual(['acti_d']);
  });

  it('sends a draft now and follows it', async () => {
    const { h, close, delivery } = setup();
    const r = await h.editQueued({ id: 'acti_d', seen, edit: { kind: 'send-now' } }, popup);
    expect(r).toMatchObject({ ok: true, message: 'Sending.' });
    expect(close.updateSms).toHaveBeenCalledWith('acti_d', { status: 'outbox' });
    expect(delivery.track).toHaveBeenCalledWith('acti_d', 'outbox');
  });

  it('refuses to send a draft to a phone that opted out since, changing nothing', async () => {
    const { h, close } = setup(true);
    const r = await h.editQueued({ id: 'acti_d', seen, edit: { kind: 'send-now' } }, popup);
    expect(r).toMatchObject({ ok: false, message: expect.stringMatching(/opted out/) });
    expect(close.updateSms).not.toHaveBeenCalled();
  });
});
