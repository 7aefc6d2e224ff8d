/**
 * Quick edits of a draft or scheduled text. Close only lets drafts change, so editing a scheduled text is
 * three steps — back to draft, change, schedule again at the same time — and any step can fail. Every path
 * ends in a state we re-read from Close and report: a text is never left silently unscheduled.
 * Before anything, the text is compared with what the list showed, so someone else's change is never
 * overwritten.
 */
import { isCloseApiError } from '../close/errors';
import type { SmsActivity, UpdateSmsBody } from '../close/schemas';
import { measureSms } from './segments';

export interface QueueApi {
  get(id: string): Promise<SmsActivity>;
  update(id: string, patch: UpdateSmsBody): Promise<SmsActivity>;
  remove(id: string): Promise<void>;
  /**
   * The send gate for texts that are sent or (re)scheduled here: why this text may not go to its recipient at
   * `at` (an opt-out since it was written, quiet hours at that instant, …), or null.
   */
  mayTextTo?(sms: SmsActivity, at: string): Promise<GateRefusal | null>;
  /** The clock the caller runs on (tests, and the reply poller, pass theirs); defaults to `Date.now`. */
  now?(): number;
}

/** Why the gate stopped an edit, and the acknowledgement that would let it go ahead (none for a block). */
export interface GateRefusal {
  message: string;
  confirm?: { ack: string; label: string };
}

/** What the list showed when the rep started editing. */
export interface SeenVersion {
  status: string;
  text: string;
  dateScheduled: string | null;
}

export type QueueEdit =
  | { kind: 'text'; text: string }
  | { kind: 'reschedule'; dateScheduled: string }
  | { kind: 'send-now' }
  | { kind: 'cancel' }
  | { kind: 'delete' };

export type EditOutcome =
  | { ok: true; sms: SmsActivity | null; message: string }
  | { ok: false; sms: SmsActivity | null; message: string; confirm?: GateRefusal['confirm'] };

function changedSince(seen: SeenVersion, now: SmsActivity): boolean {
  const sameTime =
    (seen.dateScheduled ? Date.parse(seen.dateScheduled) : null) ===
    (now.date_scheduled ? Date.parse(now.date_scheduled) : null);
  return seen.status !== now.status || seen.text !== (now.text ?? '') || !sameTime;
}

const reason = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** Re-reads the text so the outcome always shows Close's real state; null when it is gone. */
async function reread(api: QueueApi, id: string): Promise<SmsActivity | null> {
  try {
    return await api.get(id);
  } catch {
    return null;
  }
}

export async function editQueued(api: QueueApi, id: string, seen: SeenVersion, edit: QueueEdit): Promise<EditOutcome> {
  let current: SmsActivity;
  try {
    current = await api.get(id);
  } catch (e) {
    if (isCloseApiError(e) && e.kind === 'not-found') {
      return { ok: false, sms: null, message: 'This text no longer exists in Close (it was deleted elsewhere).' };
    }
    return { ok: false, sms: null, message: `Nothing was changed: ${reason(e)}` };
  }
  if (changedSince(seen, current)) {
    return {
      ok: false,
      sms: current,
      message: `This text changed in Close since the list was loaded (it is now ${current.status}). Nothing was overwritten; the row shows the latest version.`,
    };
  }
  // Any text that is not on its way out may be deleted (a failed one included); only drafts and
  // scheduled texts may be changed.
  const changeable = current.status === 'draft' || current.status === 'scheduled';
  if (current.status === 'outbox' || (!changeable && edit.kind !== 'delete')) {
    return { ok: false, sms: current, message: `This text is ${current.status} and can no longer be changed.` };
  }
  const now = api.now?.() ?? Date.now();
  const refusal = checkEdit(current, edit, now);
  if (refusal) return { ok: false, sms: current, message: refusal };
  // Sending now, rescheduling, or changing a scheduled text (which schedules it again) texts someone.
  const texts =
    edit.kind === 'send-now' || edit.kind === 'reschedule' || (edit.kind === 'text' && current.status === 'scheduled');
  if (texts && api.mayTextTo) {
    // The instant it would reach the recipient: now, the new time, or (a text edit) the time it already has.
    const at =
      edit.kind === 'reschedule'
        ? edit.dateScheduled
        : edit.kind === 'send-now'
          ? new Date(now).toISOString()
          : (current.date_scheduled ?? new Date(now).toISOString());
    try {
      const gate = await api.mayTextTo(current, new Date(at).toISOString());
      if (gate) return { ok: false, sms: current, ...gate };
    } catch (e) {
      return { ok: false, sms: current, message: `Nothing was changed: ${reason(e)}` };
    }
  }
  if (edit.kind === 'delete') {
    try {
      await api.remove(id);
      return { ok: true, sms: null, message: 'Deleted.' };
    } catch (e) {
      return { ok: false, sms: await reread(api, id), message: `Not deleted: ${reason(e)}` };
    }
  }
  return current.status === 'draft' ? editDraft(api, id, edit) : editScheduled(api, current, edit);
}

/** Bad input is refused before any change, with the original left as it is. */
function checkEdit(current: SmsActivity, edit: QueueEdit, now: number): string | null {
  if (edit.kind === 'text' && !edit.text.trim()) return 'A text cannot be empty. Nothing was changed.';
  if (edit.kind === 'text' && measureSms(edit.text).overLimit) {
    return 'The message is over Close’s 1000-character limit. Nothing was changed.';
  }
  if (edit.kind === 'reschedule' && !(Date.parse(edit.dateScheduled) > now + 30_000)) {
    return 'That time is in the past. Pick a later one.';
  }
  if (edit.kind === 'cancel' && current.status !== 'scheduled') return 'Only a scheduled text can be cancelled.';
  const goesOutSoon = current.date_scheduled ? Date.parse(current.date_scheduled) < now + 60_000 : false;
  if (current.status === 'scheduled' && goesOutSoon && edit.kind !== 'delete') {
    return 'This text goes out within a minute; it is too late to change it.';
  }
  return null;
}

async function editDraft(api: QueueApi, id: string, edit: QueueEdit): Promise<EditOutcome> {
  const patch: UpdateSmsBody =
    edit.kind === 'text'
      ? { text: edit.text }
      : edit.kind === 'reschedule'
        ? { status: 'scheduled', date_scheduled: edit.dateScheduled }
        : { status: 'outbox' };
  try {
    const sms = await api.update(id, patch);
    return {
      ok: true,
      sms,
      message: edit.kind === 'text' ? 'Saved.' : edit.kind === 'reschedule' ? 'Scheduled.' : 'Sending.',
    };
  } catch (e) {
    return { ok: false, sms: await reread(api, id), message: `Not changed: ${reason(e)}` };
  }
}

async function editScheduled(api: QueueApi, current: SmsActivity, edit: QueueEdit): Promise<EditOutcome> {
  const id = current.id;
  const originalTime = current.date_scheduled ?? '';
  // Step 1: back to draft (this also cancels it). If this fails, nothing changed.
  try {
    await api.update(id, { status: 'draft' });
  } catch (e) {
    return { ok: false, sms: await reread(api, id), message: `Nothing was changed: ${reason(e)}` };
  }
  if (edit.kind === 'cancel') return { ok: true, sms: await reread(api, id), message: 'Cancelled: it is a draft now.' };

  // Step 2: the change itself, on the draft.
  if (edit.kind === 'text') {
    try {
      await api.update(id, { text: edit.text });
    } catch (e) {
      return restoreSchedule(api, id, originalTime, `The text could not be changed: ${reason(e)}`);
    }
  }
  // Step 3: out again — at the same time, the new time, or now.
  const patch: UpdateSmsBody =
    edit.kind === 'send-now'
      ? { status: 'outbox' }
      : { status: 'scheduled', date_scheduled: edit.kind === 'reschedule' ? edit.dateScheduled : originalTime };
  try {
    const sms = await api.update(id, patch);
    return {
      ok: true,
      sms,
      message:
        edit.kind === 'send-now' ? 'Sending.' : edit.kind === 'text' ? 'Saved; still scheduled.' : 'Rescheduled.',
    };
  } catch (e) {
    if (edit.kind === 'text') {
      const sms = await reread(api, id);
      return {
        ok: false,
        sms,
        message: `The new text was saved, but it could not be scheduled again (${reason(e)}). It is a draft now — reschedule it.`,
      };
    }
    return restoreSchedule(api, id, originalTime, reason(e));
  }
}

/** After a failed change, put the text back on its original schedule, and say exactly where it stands. */
async function restoreSchedule(api: QueueApi, id: string, time: string, why: string): Promise<EditOutcome> {
  try {
    const sms = await api.update(id, { status: 'scheduled', date_scheduled: time });
    return { ok: false, sms, message: `${why}. It is still scheduled as before.` };
  } catch (e) {
    return {
      ok: false,
      sms: await reread(api, id),
      message: `${why}. It could not be put back on its schedule either (${reason(e)}): it is a draft now — reschedule it.`,
    };
  }
}

/** A quick action offered in Drafts & scheduled. */
export type QueueAction = 'save-text' | 'schedule' | 'send-now' | 'cancel' | 'mark-seen' | 'delete';

/**
 * Which actions a queued text offers, by its status: the same rules as editQueued (only drafts and
 * scheduled texts change; a failed one can be marked as seen or deleted; nothing on its way out is touched).
 */
export function actionsFor(status: string): QueueAction[] {
  switch (status) {
    case 'draft':
      return ['save-text', 'schedule', 'send-now', 'delete'];
    case 'scheduled':
      return ['save-text', 'schedule', 'send-now', 'cancel', 'delete'];
    case 'error':
      return ['mark-seen', 'delete'];
    default:
      return [];
  }
}
