/**
 * What may be sent, to whom and when: the one set of rules behind the composer's buttons, the quick edits
 * of Drafts & scheduled, and the background's send gate (which re-checks them with facts fresh from Close,
 * whichever page asked). Pure, so every rule has a row in the table test beside it.
 */
import { measureSms } from '../sms/segments';

export type SendMode = 'send' | 'schedule' | 'draft';

export interface ReadinessInput {
  mode: SendMode;
  /** E.164 of the recipient; null when the lead has no number. */
  to: string | null;
  /** The recipient's phone has outbound SMS blocked in Close (an opt-out). */
  blocked: boolean;
  /** Why none of the rep's numbers can text this recipient (sendersFor), or null. */
  senderProblem: string | null;
  /** The number chosen to send from, and the ones that may send to this recipient. */
  from: string | null;
  allowedSenders: readonly string[];
  text: string;
  hasTemplate: boolean;
  /** ISO instant, for mode 'schedule'. */
  dateScheduled?: string | null;
  now: number;
}

export type NotReadyReason =
  | 'no-phone'
  | 'blocked'
  | 'no-sender'
  | 'sender-not-allowed'
  | 'empty'
  | 'too-long'
  | 'no-time'
  | 'past';

export type Readiness = { ok: true } | { ok: false; reason: NotReadyReason; message: string };

/** Reasons about the recipient or the sender: the composer shows these at once, not only on Send. */
export const RECIPIENT_REASONS: ReadonlySet<NotReadyReason> = new Set([
  'no-phone',
  'blocked',
  'no-sender',
  'sender-not-allowed',
]);

export const OPTED_OUT_MESSAGE =
  'This contact has opted out of texts (outbound SMS is blocked in Close), so the extension will not send.';

const no = (reason: NotReadyReason, message: string): Readiness => ({ ok: false, reason, message });

export function sendReadiness(i: ReadinessInput): Readiness {
  if (!i.to) return no('no-phone', 'This lead has no phone number to text.');
  // A draft texts nobody, but an opted-out contact's draft would only be sent later by mistake.
  if (i.blocked) return no('blocked', OPTED_OUT_MESSAGE);
  if (i.senderProblem) return no('no-sender', i.senderProblem);
  if (!i.from || !i.allowedSenders.includes(i.from)) {
    return no('sender-not-allowed', 'Pick one of your Close numbers that can text this recipient.');
  }
  if (!i.hasTemplate && !i.text.trim()) return no('empty', 'Write a message first.');
  if (!i.hasTemplate && measureSms(i.text).overLimit) {
    return no('too-long', 'The message is over Close’s 1000-character limit.');
  }
  if (i.mode === 'schedule') return scheduleReadiness(i.dateScheduled, i.now);
  return { ok: true };
}

/** A schedule needs a time, and a time not already past. */
export function scheduleReadiness(dateScheduled: string | null | undefined, now: number): Readiness {
  const at = dateScheduled ? Date.parse(dateScheduled) : Number.NaN;
  if (Number.isNaN(at)) return no('no-time', 'Pick a date and time to schedule the text.');
  if (at < now) return no('past', 'That time is in the past. Pick a later one.');
  return { ok: true };
}

/**
 * Whether `to` is opted out: by any contact that has this phone, not only the one chosen when the composer
 * loaded. An opt-out is about the phone; whichever record the rep logs the text on, it must hold.
 */
export function isOptedOut(
  contacts: readonly { phones: readonly { phone: string; blocked: boolean }[] }[],
  to: string | null,
): boolean {
  return !!to && contacts.some((c) => c.phones.some((p) => p.phone === to && p.blocked));
}
