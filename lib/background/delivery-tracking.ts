/**
 * Follows texts sent or scheduled from the extension until Close reports `sent` or `error`. Driven by an
 * alarm and stored state, so it keeps going after the service worker is stopped and restarted.
 * A failure raises a notification with Close's reason; the badge counts failures, else scheduled texts.
 */
import { isCloseApiError } from '../close/errors';
import { onMessage } from '../protocol';
import { applyCheck, badgeFor, type CheckOutcome, type DeliveryState, track } from '../sms/delivery-state';
import { deliveryItem } from '../storage';
import { close } from './close-api';

const ALARM = 'delivery-check';
/** Chrome runs alarms at most every 30 s; the popup follows its own send faster while it is open. */
const PERIOD_MINUTES = 0.5;

export async function trackDelivery(id: string, status = 'outbox'): Promise<void> {
  await saveState(track(await deliveryItem.getValue(), id, status, Date.now()));
  await browser.alarms.create(ALARM, { delayInMinutes: PERIOD_MINUTES, periodInMinutes: PERIOD_MINUTES });
}

async function saveState(state: DeliveryState): Promise<void> {
  await deliveryItem.setValue(state);
  await showBadge(state);
}

async function showBadge(state: DeliveryState): Promise<void> {
  const badge = badgeFor(state);
  await browser.action.setBadgeText({ text: badge.text });
  await browser.action.setBadgeBackgroundColor({ color: badge.color });
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

export async function checkDeliveries(): Promise<DeliveryState> {
  let state = await deliveryItem.getValue();
  for (const id of Object.keys(state.tracked)) {
    const outcome = await checkOne(id);
    if (!outcome) continue;
    const next = applyCheck(state, outcome, Date.now());
    state = next.state;
    if (next.newlyFailed) {
      await browser.notifications.create(`failed:${id}`, {
        type: 'basic',
        iconUrl: browser.runtime.getURL('/icon/128.png'),
        title: `Text to ${next.newlyFailed.to ?? 'a contact'} failed`,
        message: next.newlyFailed.reason,
      });
    }
  }
  await saveState(state);
  if (!Object.keys(state.tracked).length) await browser.alarms.clear(ALARM);
  return state;
}

export async function dismissFailure(id: string): Promise<void> {
  const state = await deliveryItem.getValue();
  if (!state.failed[id]) return;
  const failed = { ...state.failed };
  delete failed[id];
  await saveState({ ...state, failed });
}

export function setupDeliveryTracking(): void {
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === ALARM) void checkDeliveries();
  });
  // The badge is not kept by the browser across worker restarts in every browser: restore it from state.
  browser.runtime.onStartup.addListener(async () => showBadge(await deliveryItem.getValue()));
  browser.runtime.onInstalled.addListener(async () => showBadge(await deliveryItem.getValue()));
  browser.notifications.onClicked.addListener((id) => {
    if (!id.startsWith('failed:')) return;
    void browser.windows.create({
      url: browser.runtime.getURL('/popup.html?view=queue' as '/popup.html'),
      type: 'popup',
      width: 420,
      height: 680,
    });
  });
  onMessage('dismissFailure', ({ data: id }) => dismissFailure(id));
}
