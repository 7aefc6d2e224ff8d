/**
 * How often replies are looked for. Each poll is one `GET /activity/sms/` (see reply-poller.ts), so the
 * schedule is the whole idle cost: every 30 s (Chrome's shortest alarm) while the rep is in a conversation,
 * every 5 minutes otherwise, and doubling after each failed poll up to 30 minutes.
 */
import type { ReplyState } from './reply-state';

export const ACTIVE_MS = 30_000;
export const IDLE_MS = 5 * 60_000;
export const MAX_BACKOFF_MS = 30 * 60_000;
/** A conversation is "recent" for an hour after the rep's last text or the contact's last reply. */
export const RECENT_MS = 60 * 60_000;
/** A follow-up that may be held is watched closely in the quarter hour before it goes out. */
export const HOLD_SOON_MS = 15 * 60_000;

export function basePeriodMs(state: ReplyState, now: number): number {
  if (now - state.lastActivityAt < RECENT_MS) return ACTIVE_MS;
  const holdSoon = Object.values(state.holds).some((h) => Date.parse(h.dateScheduled) - now < HOLD_SOON_MS);
  return holdSoon ? ACTIVE_MS : IDLE_MS;
}

/** Milliseconds until the next poll; `retryAfterMs` is what Close asked for on a 429, if anything. */
export function nextPollInMs(state: ReplyState, now: number, retryAfterMs = 0): number {
  const base = basePeriodMs(state, now);
  const backedOff = state.failures ? Math.min(MAX_BACKOFF_MS, base * 2 ** Math.min(state.failures, 10)) : base;
  return Math.max(backedOff, Math.min(retryAfterMs, MAX_BACKOFF_MS), ACTIVE_MS);
}

/** Close requests per hour at a steady period (one request per poll). */
export const requestsPerHour = (periodMs: number): number => Math.round(3_600_000 / periodMs);
