/**
 * Texts the extension sent or scheduled, followed until Close says `sent` or `error`. Kept in storage and
 * driven by alarms so following survives the service worker sleeping. Pure transitions, tested alone.
 */
export interface FailedText {
  id: string;
  to: string | null;
  text: string;
  reason: string;
  at: number;
}

export interface DeliveryState {
  /** SMS ids still on their way (outbox) or waiting (scheduled), with their last known status. */
  tracked: Record<string, { status: string; since: number }>;
  failed: Record<string, FailedText>;
}

export const EMPTY_DELIVERY: DeliveryState = { tracked: {}, failed: {} };

export interface SmsSnapshot {
  id: string;
  status: string;
  text: string;
  remotePhone: string | null;
  errorMessage: string | null;
}

export type CheckOutcome = { kind: 'sms'; sms: SmsSnapshot } | { kind: 'gone'; id: string };

/** Close's own words when it gives them; a plain sentence when it does not. */
export function failureReason(sms: SmsSnapshot): string {
  return sms.errorMessage?.trim() || 'Close could not deliver this text (no reason given).';
}

export function applyCheck(
  state: DeliveryState,
  outcome: CheckOutcome,
  now: number,
): { state: DeliveryState; newlyFailed: FailedText | null } {
  const id = outcome.kind === 'gone' ? outcome.id : outcome.sms.id;
  const tracked = { ...state.tracked };
  const failed = { ...state.failed };
  let newlyFailed: FailedText | null = null;
  if (outcome.kind === 'gone') {
    delete tracked[id];
  } else {
    const { sms } = outcome;
    if (sms.status === 'error') {
      delete tracked[id];
      if (!failed[id]) {
        newlyFailed = { id, to: sms.remotePhone, text: sms.text, reason: failureReason(sms), at: now };
        failed[id] = newlyFailed;
      }
    } else if (sms.status === 'outbox' || sms.status === 'scheduled') {
      tracked[id] = { status: sms.status, since: tracked[id]?.since ?? now };
    } else {
      // sent, or cancelled back to draft: nothing more to follow.
      delete tracked[id];
    }
  }
  return { state: { tracked, failed }, newlyFailed };
}

export function track(state: DeliveryState, id: string, status: string, now: number): DeliveryState {
  return { ...state, tracked: { ...state.tracked, [id]: { status, since: now } } };
}

/** What the badge counts of delivery (see lib/sms/badge.ts for how it combines with unread replies). */
export function deliveryCounts(state: DeliveryState): { failed: number; scheduled: number } {
  return {
    failed: Object.keys(state.failed).length,
    scheduled: Object.values(state.tracked).filter((t) => t.status === 'scheduled').length,
  };
}
