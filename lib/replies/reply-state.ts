/**
 * Replies to the rep, as pure transitions over one stored value: which inbound texts were already seen
 * (so a rescan or a restarted worker never notifies twice), which are unread, which scheduled follow-ups
 * wait to be held if their recipient replies, and which were held. The poller (lib/background/reply-poller.ts)
 * feeds it Close's SMS list; nothing here talks to Close or the browser.
 */

/** An inbound text as the poller hands it over (already checked: direction inbound, status inbox). */
export interface InboundSms {
  id: string;
  text: string;
  remotePhone: string | null;
  leadId: string | null;
  contactId: string | null;
  dateCreated: string;
}

export interface UnreadReply extends InboundSms {
  /** Who wrote, for the notification and the badge's tooltip ("Ana Torres (Bayview Dental)"). */
  from: string;
}

/** What the queue's quick edit needs to put a scheduled text back to draft without overwriting a change. */
export interface HoldWatch {
  smsId: string;
  phone: string;
  leadId: string | null;
  contactId: string | null;
  text: string;
  dateScheduled: string;
}

export interface HeldText {
  smsId: string;
  by: string;
  at: number;
}

export interface ReplyState {
  /** The Close user whose replies these are; another key (another user) starts from empty. */
  userId: string | null;
  /** Close's `date_created` of the newest SMS seen by a poll: the next poll asks from a little before it. */
  cursor: string | null;
  /** Ids of inbound texts already handled, newest last, bounded (the rescan overlap only needs recent ones). */
  seen: string[];
  unread: Record<string, UnreadReply>;
  holds: Record<string, HoldWatch>;
  held: Record<string, HeldText>;
  /** When the rep last sent from the extension or got a reply: polling is fast for a while after. */
  lastActivityAt: number;
  /** Polls that failed in a row (429, 5xx, offline), for the backoff. */
  failures: number;
}

export const EMPTY_REPLIES: ReplyState = {
  userId: null,
  cursor: null,
  seen: [],
  unread: {},
  holds: {},
  held: {},
  lastActivityAt: 0,
  failures: 0,
};

const MAX_SEEN = 500;
/** Longest text kept per reply: a notification shows a line, the thread reads Close itself. */
const MAX_KEPT_TEXT = 500;

/** A conversation: the lead when Close linked the reply to one, else the number it came from. */
export function threadKey(sms: { leadId: string | null; remotePhone: string | null; id: string }): string {
  if (sms.leadId) return `lead:${sms.leadId}`;
  if (sms.remotePhone) return `phone:${sms.remotePhone}`;
  return `sms:${sms.id}`;
}

export interface PollOutcome {
  state: ReplyState;
  /** Replies not seen before, oldest first. */
  fresh: UnreadReply[];
  /** Follow-ups to hold now: a reply from their recipient arrived before their time. */
  toHold: { watch: HoldWatch; reply: UnreadReply }[];
}

/**
 * Applies one poll's answer: `inbound` are the inbound texts it returned, `newest` the latest `date_created`
 * of any SMS it returned (outbound included, so the cursor moves with the rep's own texts too).
 */
export function applyPoll(
  state: ReplyState,
  inbound: InboundSms[],
  newest: string | null,
  nameOf: (sms: InboundSms) => string,
  now: number,
): PollOutcome {
  const seen = new Set(state.seen);
  const fresh = inbound
    .filter((sms) => !seen.has(sms.id) && !state.unread[sms.id])
    .filter((sms, index, all) => all.findIndex((other) => other.id === sms.id) === index)
    .sort((a, b) => Date.parse(a.dateCreated) - Date.parse(b.dateCreated))
    .map((sms) => ({ ...sms, text: sms.text.slice(0, MAX_KEPT_TEXT), from: nameOf(sms) }));
  const unread = { ...state.unread };
  for (const reply of fresh) unread[reply.id] = reply;
  const holds = { ...state.holds };
  const toHold: PollOutcome['toHold'] = [];
  for (const watch of Object.values(state.holds)) {
    const reply = fresh.find((r) => repliesTo(watch, r));
    if (!reply) continue;
    toHold.push({ watch, reply });
    delete holds[watch.smsId];
  }
  // A follow-up whose time has passed went out (or was changed in Close): nothing left to hold.
  for (const watch of Object.values(holds)) if (Date.parse(watch.dateScheduled) <= now) delete holds[watch.smsId];
  const later = (a: string | null, b: string | null) => (!a ? b : !b ? a : Date.parse(b) > Date.parse(a) ? b : a);
  return {
    state: {
      ...state,
      cursor: later(state.cursor, newest),
      seen: [...state.seen, ...fresh.map((r) => r.id)].slice(-MAX_SEEN),
      unread,
      holds,
      failures: 0,
      lastActivityAt: fresh.length ? now : state.lastActivityAt,
    },
    fresh,
    toHold,
  };
}

/** A reply is to this follow-up when it comes from its number (or its contact) before the follow-up's time. */
function repliesTo(watch: HoldWatch, reply: InboundSms): boolean {
  const same = reply.remotePhone === watch.phone || (!!watch.contactId && reply.contactId === watch.contactId);
  return same && Date.parse(reply.dateCreated) < Date.parse(watch.dateScheduled);
}

/** The rep has the thread in front of them: its replies are read. */
export function markThreadRead(state: ReplyState, key: string): ReplyState {
  const unread = Object.fromEntries(Object.entries(state.unread).filter(([, r]) => threadKey(r) !== key));
  return { ...state, unread };
}

export function unreadIn(state: ReplyState, key: string): UnreadReply[] {
  return Object.values(state.unread).filter((r) => threadKey(r) === key);
}

export function watchForReply(state: ReplyState, watch: HoldWatch, now: number): ReplyState {
  return { ...state, holds: { ...state.holds, [watch.smsId]: watch }, lastActivityAt: now };
}

export function recordHeld(state: ReplyState, held: HeldText): ReplyState {
  return { ...state, held: { ...state.held, [held.smsId]: held } };
}

/** A held text that is no longer a draft (sent, rescheduled, deleted) is no longer "held". */
export function forgetHeld(state: ReplyState, smsIds: string[]): ReplyState {
  if (!smsIds.some((id) => state.held[id])) return state;
  const held = { ...state.held };
  for (const id of smsIds) delete held[id];
  return { ...state, held };
}

export function noteActivity(state: ReplyState, now: number): ReplyState {
  return { ...state, lastActivityAt: now };
}

export function noteFailure(state: ReplyState): ReplyState {
  return { ...state, failures: state.failures + 1 };
}
