import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { freshBrowser, SENDERS, sms } from '@/tests/unit/support/background';
import { deliveryItem } from '../storage';
import { createDeliveryTracker, deliveryHandlers } from './delivery-tracking';

beforeEach(freshBrowser);

describe('delivery tracking', () => {
  it('follows a text until Close says it failed: one notification with Close’s reason, a red badge', async () => {
    const getSms = vi.fn(async (id: string) => sms({ id, status: 'outbox' }));
    const tracker = createDeliveryTracker({ getSms });
    const notify = vi.spyOn(fakeBrowser.notifications, 'create');
    await tracker.track('acti_1', 'outbox');
    expect(await fakeBrowser.alarms.get('delivery-check')).toBeDefined();
    await tracker.check();
    expect(notify).not.toHaveBeenCalled();
    getSms.mockResolvedValue(sms({ id: 'acti_1', status: 'error', error_message: 'Landline: cannot receive SMS.' }));
    await tracker.check();
    await tracker.check();
    expect(notify).toHaveBeenCalledTimes(1);
    expect(notify).toHaveBeenCalledWith(
      'failed:acti_1',
      expect.objectContaining({ message: 'Landline: cannot receive SMS.' }),
    );
    expect(await fakeBrowser.action.getBadgeText({})).toBe('1');
    expect(await fakeBrowser.alarms.get('delivery-check')).toBeUndefined();
  });

  it('keeps following through a failed check (offline) and stops once sent', async () => {
    const getSms = vi
      .fn()
      .mockRejectedValueOnce(new Error('offline'))
      .mockResolvedValue(sms({ status: 'sent' }));
    const tracker = createDeliveryTracker({ getSms });
    await tracker.track('acti_1');
    expect(Object.keys((await tracker.check()).tracked)).toEqual(['acti_1']);
    expect(Object.keys((await tracker.check()).tracked)).toEqual([]);
  });

  it('dismissFailure clears the failure from the badge', async () => {
    const tracker = createDeliveryTracker({ getSms: async () => sms({ status: 'error' }) });
    await tracker.track('acti_1');
    await tracker.check();
    await deliveryHandlers(tracker).dismissFailure('acti_1', { ...SENDERS.popup, class: 'extension-page' });
    expect((await deliveryItem.getValue()).failed).toEqual({});
    expect(await fakeBrowser.action.getBadgeText({})).toBe('');
  });
});

describe('after a browser restart (alarms are gone)', () => {
  it('resume() re-arms the check and follows the text to its end', async () => {
    const getSms = vi.fn(async (id: string) => sms({ id, status: 'outbox' }));
    const before = createDeliveryTracker({ getSms });
    await before.track('acti_1');
    await fakeBrowser.alarms.clearAll();
    getSms.mockResolvedValue(sms({ id: 'acti_1', status: 'error', error_message: 'Carrier rejected it.' }));
    const after = createDeliveryTracker({ getSms });
    await after.resume();
    expect((await deliveryItem.getValue()).failed.acti_1?.reason).toBe('Carrier rejected it.');
  });

  it('re-arms the alarm while something is still on its way', async () => {
    const tracker = createDeliveryTracker({ getSms: async (id) => sms({ id, status: 'outbox' }) });
    await tracker.track('acti_1');
    await fakeBrowser.alarms.clearAll();
    await tracker.resume();
    expect(await fakeBrowser.alarms.get('delivery-check')).toBeDefined();
  });
});
