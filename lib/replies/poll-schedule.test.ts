import { describe, expect, it } from 'vitest';
import { ACTIVE_MS, IDLE_MS, MAX_BACKOFF_MS, nextPollInMs, requestsPerHour } from './poll-schedule';
import { EMPTY_REPLIES, type ReplyState } from './reply-state';

const NOW = Date.parse('2026-12-01T12:00:00Z');
const MIN = 60_000;
const state = (patch: Partial<ReplyState>): ReplyState => ({ ...EMPTY_REPLIES, ...patch });
const hold = (inMs: number) => ({
  a: {
    smsId: 'a',
    phone: '+1',
    leadId: null,
    contactId: null,
    text: 'x',
    dateScheduled: new Date(NOW + inMs).toISOString(),
  },
});

describe('when the next poll runs', () => {
  it.each([
    ['idle (no text for hours)', state({ lastActivityAt: NOW - 5 * 60 * MIN }), 0, IDLE_MS],
    ['never texted', state({}), 0, IDLE_MS],
    ['texted 10 minutes ago', state({ lastActivityAt: NOW - 10 * MIN }), 0, ACTIVE_MS],
    ['texted 59 minutes ago', state({ lastActivityAt: NOW - 59 * MIN }), 0, ACTIVE_MS],
    ['texted 61 minutes ago', state({ lastActivityAt: NOW - 61 * MIN }), 0, IDLE_MS],
    ['a follow-up to hold goes out in 10 min', state({ holds: hold(10 * MIN) }), 0, ACTIVE_MS],
    ['a follow-up to hold goes out tomorrow', state({ holds: hold(24 * 60 * MIN) }), 0, IDLE_MS],
    ['active, 1 failure', state({ lastActivityAt: NOW, failures: 1 }), 0, 2 * ACTIVE_MS],
    ['active, 3 failures', state({ lastActivityAt: NOW, failures: 3 }), 0, 8 * ACTIVE_MS],
    ['idle, 2 failures', state({ failures: 2 }), 0, 4 * IDLE_MS],
    ['idle, 20 failures (capped)', state({ failures: 20 }), 0, MAX_BACKOFF_MS],
    ['active, 429 asking 5 minutes', state({ lastActivityAt: NOW, failures: 1 }), 5 * MIN, 5 * MIN],
    ['active, 429 asking 2 hours (capped)', state({ lastActivityAt: NOW, failures: 1 }), 120 * MIN, MAX_BACKOFF_MS],
  ])('%s', (_name, s, retryAfter, expected) => {
    expect(nextPollInMs(s, NOW, retryAfter)).toBe(expected);
  });

  it('is never sooner than Chrome’s 30 s alarm minimum', () => {
    expect(nextPollInMs(state({ lastActivityAt: NOW }), NOW, 1000)).toBe(ACTIVE_MS);
  });

  it('costs 12 requests an hour idle and 120 while in a conversation (one request per poll)', () => {
    expect(requestsPerHour(IDLE_MS)).toBe(12);
    expect(requestsPerHour(ACTIVE_MS)).toBe(120);
  });
});
