import { describe, expect, it } from 'vitest';
import { applyCheck, deliveryCounts, EMPTY_DELIVERY, type SmsSnapshot, track } from './delivery-state';

const sms = (status: string, errorMessage: string | null = null): SmsSnapshot => ({
  id: 'acti_1',
  status,
  text: 'Hi',
  remotePhone: '+14156667777',
  errorMessage,
});

describe('delivery state', () => {
  const tracked = track(EMPTY_DELIVERY, 'acti_1', 'outbox', 1);

  it.each([
    ['still in the outbox', sms('outbox'), { acti_1: { status: 'outbox', since: 1 } }, {}],
    ['scheduled', sms('scheduled'), { acti_1: { status: 'scheduled', since: 1 } }, {}],
    ['sent', sms('sent'), {}, {}],
    ['cancelled back to draft', sms('draft'), {}, {}],
  ])('%s', (_name, snapshot, expectedTracked, expectedFailed) => {
    const { state, newlyFailed } = applyCheck(tracked, { kind: 'sms', sms: snapshot }, 5);
    expect(state.tracked).toEqual(expectedTracked);
    expect(state.failed).toEqual(expectedFailed);
    expect(newlyFailed).toBeNull();
  });

  it('records a failure once, with Close’s reason', () => {
    const first = applyCheck(tracked, { kind: 'sms', sms: sms('error', 'The number is a landline.') }, 5);
    expect(first.newlyFailed).toMatchObject({ id: 'acti_1', reason: 'The number is a landline.' });
    expect(first.state.tracked).toEqual({});
    const again = applyCheck(track(first.state, 'acti_1', 'outbox', 6), { kind: 'sms', sms: sms('error', 'x') }, 7);
    expect(again.newlyFailed).toBeNull();
  });

  it('explains a failure without a reason', () => {
    expect(applyCheck(tracked, { kind: 'sms', sms: sms('error') }, 5).newlyFailed?.reason).toMatch(/no reason given/);
  });

  it('stops following a text deleted in Close', () => {
    expect(applyCheck(tracked, { kind: 'gone', id: 'acti_1' }, 5).state.tracked).toEqual({});
  });

  it('counts failures and scheduled texts for the badge (texts on their way are not counted)', () => {
    expect(deliveryCounts(EMPTY_DELIVERY)).toEqual({ failed: 0, scheduled: 0 });
    const scheduled = track(track(EMPTY_DELIVERY, 'a', 'scheduled', 1), 'b', 'outbox', 1);
    expect(deliveryCounts(scheduled)).toEqual({ failed: 0, scheduled: 1 });
    const failed = applyCheck(scheduled, { kind: 'sms', sms: { ...sms('error'), id: 'b' } }, 2).state;
    expect(deliveryCounts(failed)).toEqual({ failed: 1, scheduled: 1 });
  });
});
