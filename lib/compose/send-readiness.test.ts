import { describe, expect, it } from 'vitest';
import { isOptedOut, type ReadinessInput, sendReadiness } from './send-readiness';

const NOW = Date.parse('2026-12-01T12:00:00Z');
const OK: ReadinessInput = {
  mode: 'send',
  to: '+14155550100',
  blocked: false,
  senderProblem: null,
  from: '+14155550199',
  allowedSenders: ['+14155550199'],
  text: 'Hi Ana',
  hasTemplate: false,
  now: NOW,
};

describe('sendReadiness', () => {
  it.each<[string, Partial<ReadinessInput>, string | null]>([
    ['a plain text', {}, null],
    ['a template with no text', { text: '', hasTemplate: true }, null],
    ['a draft', { mode: 'draft' }, null],
    ['a schedule in the future', { mode: 'schedule', dateScheduled: '2026-12-02T09:00:00Z' }, null],
    ['no number', { to: null }, 'no-phone'],
    ['an opted-out phone', { blocked: true }, 'blocked'],
    ['an opted-out phone, even as a draft', { blocked: true, mode: 'draft' }, 'blocked'],
    ['no SMS number', { senderProblem: 'You have no Close number that can send SMS.' }, 'no-sender'],
    ['no sender chosen', { from: null }, 'sender-not-allowed'],
    ['a sender that cannot text this country', { from: '+442079460000' }, 'sender-not-allowed'],
    ['an empty text', { text: '' }, 'empty'],
    ['only spaces', { text: '  \n ' }, 'empty'],
    ['over 1000 characters', { text: 'x'.repeat(1001) }, 'too-long'],
    ['a schedule with no time', { mode: 'schedule', dateScheduled: null }, 'no-time'],
    ['a schedule with a bad time', { mode: 'schedule', dateScheduled: 'tomorrow' }, 'no-time'],
    ['a schedule in the past', { mode: 'schedule', dateScheduled: '2026-12-01T11:59:00Z' }, 'past'],
    ['a past time is fine when sending now', { mode: 'send', dateScheduled: '2020-01-01T00:00:00Z' }, null],
  ])('%s', (_, change, reason) => {
    const r = sendReadiness({ ...OK, ...change });
    expect(r.ok ? null : r.reason).toBe(reason);
    if (!r.ok) expect(r.message).toMatch(/\w/);
  });

  it('checks the recipient before the text, so the composer can say why at once', () => {
    const r = sendReadiness({ ...OK, blocked: true, text: '' });
    expect(r.ok ? null : r.reason).toBe('blocked');
  });
});

describe('isOptedOut', () => {
  const ana = { phones: [{ phone: '+14155550100', blocked: false }] };
  const anaAtWork = { phones: [{ phone: '+14155550100', blocked: true }] };
  it.each([
    ['nobody has the phone', [], '+14155550100', false],
    ['its contact allows texts', [ana], '+14155550100', false],
    ['one of two contacts with the phone opted out', [ana, anaAtWork], '+14155550100', true],
    ['another phone is opted out', [anaAtWork], '+14155550101', false],
    ['no number', [anaAtWork], null, false],
  ])('%s', (_, contacts, to, expected) => {
    expect(isOptedOut(contacts, to)).toBe(expected);
  });
});
