/**
 * Follows texts sent or scheduled from the extension until Close reports `sent` or `error`. Driven by an
 * alarm and stored state, so it keeps going after the service worker is stopped and restarted.
 * A failure raises a notification with Close's reason; the badge (badge.ts) counts failures first.
 */
import type { CloseClient } from '../close/client';
import { isCloseApiError } from '../close/errors';
import { serialized } from '../serialized';
import { applyCheck, type CheckOutcome, type DeliveryState, type FailedText, track } from '../sms/delivery-state';
import { deliveryItem } from '../storage';
import { refreshBadge } from './badge';
import type { Handlers } from './message-gate';

/** Every change of the delivery state goes through here, one at a time (alarms, sends and clicks overlap). */
const inOrder = serialized();
function updateState(change: (state: DeliveryState) => DeliveryState): Promise<DeliveryState> {
  return inOrder(async () => {
    const next = change(await deliveryItem.getValue());
    await saveState(next);
    return next;
  });
}

const ALARM = 'delivery-check';
/** Chrome runs alarms at most every 30 s; the popup follows its own send faster while it is open. */
const PERIOD_MINUTES = 0.5;

async function saveState(state: DeliveryState): Promise<void> {
  await deliveryItem.setValue(state);
  await refreshBadge();
}

export interface DeliveryTracker {
  track(id: string, status?: string): Promise<void>;
  check(): Promise<DeliveryState>;
  dismiss(id: string): Promise<void>;
  /** After a browser restart (which drops alarms): follow again whatever is still tracked. */
  resume(): Promise<void>;
}

export function createDeliveryTracker(close: Pick<CloseClient, 'getSms'>): DeliveryTracker {
  async function trackDelivery(id: string, status = 'outbox'): Promise<void> {
    await updateState((state) => track(state, id, status, Date.now()));
    await browser.alarms.create(ALARM, { delayInMinutes: PERIOD_MINUTES, periodInMinutes: PERIOD_MINUTES });
  }

  async function checkOne(id: string): Promise<CheckOutcome | null> {
    try {
      const sms = await close.getSms(id);
      return {
        kind: 'sms',
        sms: {
          id,
          status: sms.status,
          text: sms.text ?? '',
          remotePhone: sms.remote_phone ?? null,
          errorMessage: sms.error_message ?? null,
        },
      };
    } catch (e) {
      if (isCloseApiError(e) && e.kind === 'not-found') return { kind: 'gone', id };
      return null; // Offline or rate-limited: try again at the next alarm.
    }
  }

  async function checkDeliveries(): Promise<DeliveryState> {
    // Close is asked outside the lock; the answers are applied to the state as it is by then.
    const ids = Object.keys((await deliveryItem.getValue()).tracked);
    const outcomes = (await Promise.all(ids.map(checkOne))).filter((o): o is CheckOutcome => o !== null);
    const failures: FailedText[] = [];
    const state = await updateState((current) => {
      let next = current;
      for (const outcome of outcomes) {
        const applied = applyCheck(next, outcome, Date.now());
        next = applied.state;
        if (applied.newlyFailed) failures.push(applied.newlyFailed);
      }
      return next;
    });
    for (const failed of failures) {
      await browser.notifications.create(`failed:${failed.id}`, {
        type: 'basic',
        iconUrl: browser.runtime.getURL('/icon/128.png'),
        title: `Text to ${failed.to ?? 'a contact'} failed`,
        message: failed.reason,
      });
    }
    if (!Object.keys(state.tracked).length) await browser.alarms.clear(ALARM);
    return state;
  }

  async function dismissFailure(id: string): Promise<void> {
    await updateState((state) => {
      const failed = { ...state.failed };
      delete failed[id];
      return { ...state, failed };
    });
  }

  async function resume(): Promise<void> {
    const state = await deliveryItem.getValue();
    await refreshBadge();
    if (!Object.keys(state.tracked).length) return;
    if (!(await browser.alarms.get(ALARM))) {
      await browser.alarms.create(ALARM, { delayInMinutes: PERIOD_MINUTES, periodInMinutes: PERIOD_MINUTES });
    }
    await checkDeliveries();
  }

  return { track: trackDelivery, check: checkDeliveries, dismiss: dismissFailure, resume };
}

export function deliveryHandlers(tracker: DeliveryTracker): Pick<Handlers, 'dismissFailure'> {
  return {
    async dismissFailure(id) {
      await tracker.dismiss(id);
      return null;
    },
  };
}

export function setupDeliveryEvents(tracker: DeliveryTracker): void {
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === ALARM) void tracker.check();
  });
  // A browser restart drops alarms and, in some browsers, the badge: restore both from the stored state,
  // so a text sent before the restart is still followed to `sent` or `error`.
  browser.runtime.onStartup.addListener(() => void tracker.resume());
  browser.runtime.onInstalled.addListener(() => void tracker.resume());
  browser.notifications.onClicked.addListener((id) => {
    if (!id.startsWith('failed:')) return;
    void browser.windows.create({
      url: browser.runtime.getURL('/popup.html?view=queue' as '/popup.html'),
      type: 'popup',
      width: 420,
      height: 680,
    });
  });
}
