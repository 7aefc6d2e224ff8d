import { describe, expect, it } from 'vitest';
import { complianceFacts, zoneOne } from '@/tests/unit/support/compliance';
import {
  type Attempt,
  type ComplianceFacts,
  complianceFindings,
  firstObstacle,
  type RecentText,
  usedAcks,
} from './compliance-check';
import { DEFAULT_QUIET_HOURS } from './quiet-hours';
import type { RecipientZone } from './recipient-zone';

const facts = (over: Partial<ComplianceFacts> = {}) =>
  complianceFacts({ zone: zoneOne('America/Los_Angeles', 'contact'), ...over });

// 2026-12-01 18:00 UTC = 10:00 in Los Angeles (PST, -08:00); 07:40 UTC = 23:40 the evening before.
const DAY = '2026-12-01T18:00:00Z';
const NIGHT = '2026-12-01T07:40:00Z';
const send = (now: string): Attempt => ({ mode: 'send', at: now, now });
const kinds = (f: ComplianceFacts, a: Attempt) => complianceFindings(f, a).map((x) => x.kind);

const recent = (over: Partial<RecentText>): RecentText => ({
  smsId: 'acti_other',
  userName: 'Dana Reyes',
  mine: false,
  status: 'sent',
  at: '2026-12-01T17:48:00Z',
  ...over,
});

describe('complianceFindings', () => {
  it.each<[string, ComplianceFacts, Attempt, string[]]>([
    ['10:00 for Ana: nothing in the way', facts(), send(DAY), []],
    ['23:40 for Ana: quiet hours', facts(), send(NIGHT), ['quiet-hours']],
    ['quiet hours off', facts({ rules: { ...DEFAULT_QUIET_HOURS, enabled: false } }), send(NIGHT), []],
    ['a draft at night is fine', facts(), { mode: 'draft', at: NIGHT, now: NIGHT }, []],
    [
      'a schedule is checked at its own instant, not now',
      facts(),
      { mode: 'schedule', at: '2026-12-02T06:00:00Z', now: DAY },
      ['quiet-hours'],
    ],
    ['schedule inside the window', facts(), { mode: 'schedule', at: '2026-12-02T17:00:00Z', now: NIGHT }, []],
    [
      'opted out in Close: a hard block, even for a draft',
      facts({ optedOut: true }),
      { mode: 'draft', at: DAY, now: DAY },
      ['blocked'],
    ],
    [
      'on the blocked list',
      facts({ blockedList: { state: 'checked', blocked: true, reason: 'Asked not to be contacted' } }),
      send(DAY),
      ['blocked'],
    ],
    [
      'blocked list unreadable (403): asked, never skipped',
      facts({ blockedList: { state: 'unavailable', message: 'no permission' } }),
      send(DAY),
      ['blocked-list-unavailable'],
    ],
    [
      'zone unknown',
      facts({ zone: { kind: 'unknown', country: null, invalid: [{ source: 'contact', zone: 'Mars/Base' }] } }),
      send(DAY),
      ['zone-unknown'],
    ],
    [
      'reply "STOP"',
      facts({ lastInbound: { text: 'STOP', at: '2026-11-30T10:00:00Z' } }),
      send(DAY),
      ['opt-out-reply'],
    ],
    ['reply "don\'t stop"', facts({ lastInbound: { text: "don't stop", at: '2026-11-30T10:00:00Z' } }), send(DAY), []],
    ['Dana texted 12 min ago', facts({ recent: [recent({})] }), send(DAY), ['double-text']],
    ['Dana texted 25 h ago: fine', facts({ recent: [recent({ at: '2026-11-30T17:00:00Z' })] }), send(DAY), []],
    ['double-text check off in options', facts({ recent: [recent({})], doubleTextHours: 0 }), send(DAY), []],
    [
      'a text scheduled for later',
      facts({ recent: [recent({ status: 'scheduled', at: '2026-12-03T17:00:00Z' })] }),
      send(DAY),
      ['double-text'],
    ],
    [
      'the text being rescheduled is not its own double',
      facts({ recent: [recent({ status: 'scheduled', at: '2026-12-03T17:00:00Z' })] }),
      { mode: 'schedule', at: '2026-12-02T17:00:00Z', now: DAY, excludeSmsId: 'acti_other' },
      [],
    ],
    [
      'everything at once: blocks first',
      facts({ optedOut: true, recent: [recent({})], lastInbound: { text: 'unsubscribe', at: NIGHT } }),
      send(NIGHT),
      ['blocked', 'quiet-hours', 'opt-out-reply', 'double-text'],
    ],
  ])('%s', (_name, f, a, expected) => {
    expect(kinds(f, a)).toEqual(expected);
  });

  it('says the local time and offers the window start in their zone', () => {
    const [finding] = complianceFindings(facts(), send(NIGHT));
    expect(finding?.message).toBe('It’s 23:40 for Ana, in Los Angeles — outside quiet hours (08:00–21:00 their time).');
    expect(finding && 'nextAllowed' in finding && finding.nextAllowed).toBe('2026-12-01T16:00:00Z'); // 8:00 PST
  });

  it('several zones: the strictest window, and says so', () => {
    const several: RecipientZone = {
      kind: 'several',
      zones: ['America/New_York', 'America/Los_Angeles'],
      source: 'phone',
      strictest: true,
      country: 'US',
      invalid: [],
    };
    // 13:30 UTC = 8:30 in New York but 5:30 in Los Angeles.
    const [finding] = complianceFindings(facts({ zone: several }), send('2026-12-01T13:30:00Z'));
    expect(finding?.message).toContain('may be in 2 time zones; the strictest applies');
    expect(finding && 'nextAllowed' in finding && finding.nextAllowed).toBe('2026-12-01T16:00:00Z');
  });

  it('names who texted and when', () => {
    const [finding] = complianceFindings(facts({ recent: [recent({})] }), send(DAY));
    expect(finding?.message).toBe('Dana Reyes texted this number 12 min ago');
  });
});

describe('firstObstacle and usedAcks', () => {
  const all = complianceFindings(
    facts({ recent: [recent({})], lastInbound: { text: 'STOP', at: NIGHT } }),
    send(NIGHT),
  );
  it.each<[string, Parameters<typeof firstObstacle>[1], string | null]>([
    ['nothing acknowledged', [], 'quiet-hours'],
    ['quiet hours acknowledged', ['quiet-hours'], 'opt-out-reply'],
    ['all acknowledged', ['quiet-hours', 'opt-out-reply', 'double-text'], null],
  ])('%s', (_name, acks, expected) => {
    expect(firstObstacle(all, acks)?.kind ?? null).toBe(expected);
  });

  it('a block cannot be acknowledged away', () => {
    const blocked = complianceFindings(facts({ optedOut: true }), send(DAY));
    expect(firstObstacle(blocked, ['quiet-hours', 'double-text'])?.kind).toBe('blocked');
  });

  it('logs only acknowledgements that were needed', () => {
    expect(usedAcks(all, ['double-text', 'zone-unknown'])).toEqual(['double-text']);
  });
});
