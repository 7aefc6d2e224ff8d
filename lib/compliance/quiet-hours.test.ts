import { describe, expect, it } from 'vitest';
import {
  DEFAULT_QUIET_HOURS,
  isAllowedAt,
  type LocalTimeLabel,
  localTimeLabel,
  nextAllowedInstant,
  normalizeQuietHours,
  type QuietHours,
} from './quiet-hours';

const NY = 'America/New_York';
const LA = 'America/Los_Angeles';
const LONDON = 'Europe/London';
const SYDNEY = 'Australia/Sydney';
const FIVE_US = [NY, 'America/Chicago', 'America/Denver', 'America/Phoenix', LA];

const rules = (overrides: Partial<QuietHours> = {}): QuietHours => ({ ...DEFAULT_QUIET_HOURS, ...overrides });
const WEEKENDS_OFF = rules({ daysOff: [6, 7] });

describe('nextAllowedInstant', () => {
  // [name, now (UTC), zones, rules, expected (UTC)] — the comment on each row is the recipient's wall clock.
  it.each<[string, string, string[], QuietHours, string | null]>([
    // Inside, at the edges, across midnight (New York in January: EST, UTC−5).
    ['inside the window: now', '2026-01-15T16:00:00Z', [NY], rules(), '2026-01-15T16:00:00Z'], // 11:00
    ['08:00 exactly is allowed', '2026-01-15T13:00:00Z', [NY], rules(), '2026-01-15T13:00:00Z'],
    ['20:59 is allowed', '2026-01-16T01:59:00Z', [NY], rules(), '2026-01-16T01:59:00Z'],
    ['21:00 exactly is closed: next 8:00', '2026-01-16T02:00:00Z', [NY], rules(), '2026-01-16T13:00:00Z'],
    ['23:30, across midnight: 8:00 next day', '2026-01-15T04:30:00Z', [NY], rules(), '2026-01-15T13:00:00Z'],
    ['06:00: 8:00 the same day', '2026-01-15T11:00:00Z', [NY], rules(), '2026-01-15T13:00:00Z'],
    ['seconds are kept when allowed', '2026-01-15T16:00:07.250Z', [NY], rules(), '2026-01-15T16:00:07.25Z'],
    ['23:40 for Ana in Los Angeles: 8:00 PST', '2026-12-02T07:40:00Z', [LA], rules(), '2026-12-02T16:00:00Z'],
    [
      'a stricter state window 8:00–20:00',
      '2026-01-16T01:30:00Z',
      [NY],
      rules({ end: '20:00' }),
      '2026-01-16T13:00:00Z',
    ],

    // US DST: 8 March 2026 (EST→EDT) and 1 November 2026 (EDT→EST).
    [
      'NY Sat 22:00 EST before spring forward → 8:00 EDT',
      '2026-03-08T03:00:00Z',
      [NY],
      rules(),
      '2026-03-08T12:00:00Z',
    ],
    ['NY Sat 22:00 EDT before fall back → 8:00 EST', '2026-11-01T02:00:00Z', [NY], rules(), '2026-11-01T13:00:00Z'],
    [
      'LA Sat 22:00 PST before spring forward → 8:00 PDT',
      '2026-03-08T06:00:00Z',
      [LA],
      rules(),
      '2026-03-08T15:00:00Z',
    ],
    ['LA Sat 22:00 PDT before fall back → 8:00 PST', '2026-11-01T05:00:00Z', [LA], rules(), '2026-11-01T16:00:00Z'],
    [
      'a window opening in the spring gap (02:30) opens at 03:30 EDT',
      '2026-03-08T05:00:00Z',
      [NY],
      rules({ start: '02:30' }),
      '2026-03-08T07:30:00Z',
    ],
    [
      'a window opening in the autumn overlap (01:30) opens at the first 01:30',
      '2026-11-01T04:00:00Z',
      [NY],
      rules({ start: '01:30' }),
      '2026-11-01T05:30:00Z',
    ],

    // UK DST: 29 March 2026 (GMT→BST) and 25 October 2026 (BST→GMT).
    [
      'London Sat 23:00 GMT before spring forward → 8:00 BST',
      '2026-03-28T23:00:00Z',
      [LONDON],
      rules(),
      '2026-03-29T07:00:00Z',
    ],
    [
      'London Sat 23:00 BST before fall back → 8:00 GMT',
      '2026-10-24T22:00:00Z',
      [LONDON],
      rules(),
      '2026-10-25T08:00:00Z',
    ],
    [
      'London 20:30 BST the evening after spring forward is allowed',
      '2026-03-29T19:30:00Z',
      [LONDON],
      rules(),
      '2026-03-29T19:30:00Z',
    ],

    // Australian DST: 5 April 2026 (AEDT→AEST) and 4 October 2026 (AEST→AEDT).
    [
      'Sydney Sat 22:00 AEDT before DST ends → 8:00 AEST',
      '2026-04-04T11:00:00Z',
      [SYDNEY],
      rules(),
      '2026-04-04T22:00:00Z',
    ],
    [
      'Sydney Sat 22:00 AEST before DST starts → 8:00 AEDT',
      '2026-10-03T12:00:00Z',
      [SYDNEY],
      rules(),
      '2026-10-03T21:00:00Z',
    ],

    // Days off, read on the recipient's calendar.
    [
      'Friday 21:30 with weekends off → Monday 8:00',
      '2026-01-17T02:30:00Z',
      [NY],
      WEEKENDS_OFF,
      '2026-01-19T13:00:00Z',
    ],
    [
      'Saturday noon with weekends off → Monday 8:00',
      '2026-01-17T17:00:00Z',
      [NY],
      WEEKENDS_OFF,
      '2026-01-19T13:00:00Z',
    ],
    [
      'Sunday 23:00 with weekends off → Monday 8:00',
      '2026-01-19T04:00:00Z',
      [NY],
      WEEKENDS_OFF,
      '2026-01-19T13:00:00Z',
    ],
    ['Friday 20:00 with weekends off is allowed', '2026-01-17T01:00:00Z', [NY], WEEKENDS_OFF, '2026-01-17T01:00:00Z'],
    [
      'Monday 8:30 in Sydney is allowed though UTC says Sunday',
      '2026-01-18T21:30:00Z',
      [SYDNEY],
      WEEKENDS_OFF,
      '2026-01-18T21:30:00Z',
    ],
    [
      'Wednesdays off: Tuesday 22:00 → Thursday 8:00',
      '2026-01-14T03:00:00Z',
      [NY],
      rules({ daysOff: [3] }),
      '2026-01-15T13:00:00Z',
    ],

    // Several zones: allowed in all of them at once.
    [
      'five US zones in January: 9:00 NY waits for 8:00 LA',
      '2026-01-15T14:00:00Z',
      FIVE_US,
      rules(),
      '2026-01-15T16:00:00Z',
    ],
    ['five US zones: 20:30 NY is fine everywhere', '2026-01-16T01:30:00Z', FIVE_US, rules(), '2026-01-16T01:30:00Z'],
    ['five US zones: 21:00 NY closes it for all', '2026-01-16T02:00:00Z', FIVE_US, rules(), '2026-01-16T16:00:00Z'],
    ['five US zones in July (Phoenix keeps MST)', '2026-07-15T13:00:00Z', FIVE_US, rules(), '2026-07-15T15:00:00Z'],
    ['NY and LA across spring forward', '2026-03-08T03:00:00Z', [NY, LA], rules(), '2026-03-08T15:00:00Z'],
    [
      'NY (EDT) and London (still GMT): 21:30 London → 8:00 NY',
      '2026-03-20T21:30:00Z',
      [NY, LONDON],
      rules(),
      '2026-03-21T12:00:00Z',
    ],
    ['NY and Sydney with weekends off', '2026-01-16T21:30:00Z', [NY, SYDNEY], WEEKENDS_OFF, '2026-01-19T21:00:00Z'],
    ['windows that never meet: null', '2026-01-15T12:00:00Z', [NY, SYDNEY], rules({ end: '12:00' }), null],

    // Off.
    [
      'quiet hours off: now, even at 3:00',
      '2026-01-15T08:00:00Z',
      [NY],
      rules({ enabled: false }),
      '2026-01-15T08:00:00Z',
    ],
  ])('%s', (_name, now, zones, quiet, expected) => {
    expect(nextAllowedInstant(now, zones, quiet)).toBe(expected);
  });

  it('refuses to guess when the zone is unknown', () => {
    expect(() => nextAllowedInstant('2026-01-15T16:00:00Z', [], rules())).toThrow(/time zone is unknown/);
  });
});

describe('isAllowedAt (a scheduled text)', () => {
  it.each<[string, string, string[], boolean]>([
    ['9:00 their time', '2026-01-15T14:00:00Z', [NY], true],
    ['22:00 their time', '2026-01-16T03:00:00Z', [NY], false],
    ['fine in NY, too early in LA', '2026-01-15T14:00:00Z', [NY, LA], false],
  ])('%s', (_name, at, zones, allowed) => {
    expect(isAllowedAt(at, zones, rules())).toBe(allowed);
  });
});

describe('normalizeQuietHours', () => {
  it.each<[string, unknown, QuietHours]>([
    ['nothing: on, 8:00–21:00', undefined, DEFAULT_QUIET_HOURS],
    ['garbage', 'x', DEFAULT_QUIET_HOURS],
    ['off stays off', { enabled: false }, { ...DEFAULT_QUIET_HOURS, enabled: false }],
    ['anything but false is on', { enabled: 'no' }, DEFAULT_QUIET_HOURS],
    ['a state window', { start: '08:00', end: '20:00' }, { ...DEFAULT_QUIET_HOURS, end: '20:00' }],
    ['a window that closes before it opens', { start: '21:00', end: '08:00' }, DEFAULT_QUIET_HOURS],
    ['an empty window', { start: '09:00', end: '09:00' }, DEFAULT_QUIET_HOURS],
    ['not a time', { start: '8am', end: '21:00' }, DEFAULT_QUIET_HOURS],
    ['24:00 is not a time', { start: '08:00', end: '24:00' }, DEFAULT_QUIET_HOURS],
    [
      'days off sorted, deduplicated, bad ones dropped',
      { daysOff: [7, 6, 6, 0, 8, '1', 2.5] },
      { ...DEFAULT_QUIET_HOURS, daysOff: [6, 7] },
    ],
    ['all seven days off would never send: ignored', { daysOff: [1, 2, 3, 4, 5, 6, 7] }, DEFAULT_QUIET_HOURS],
  ])('%s', (_name, input, expected) => {
    expect(normalizeQuietHours(input)).toEqual(expected);
  });
});

describe('localTimeLabel', () => {
  it.each<[string, string, string, LocalTimeLabel]>([
    [
      "It's 23:40 for Ana, in Los Angeles",
      '2026-12-02T07:40:59Z',
      LA,
      { name: 'Ana', time: '23:40', weekday: 2, date: '2026-12-01', place: 'Los Angeles', zone: LA, offset: '-08:00' },
    ],
    [
      'London in summer time',
      '2026-07-01T12:05:00Z',
      LONDON,
      { name: 'Ana', time: '13:05', weekday: 3, date: '2026-07-01', place: 'London', zone: LONDON, offset: '+01:00' },
    ],
    [
      'a three-part zone id',
      '2026-07-01T12:05:00Z',
      'America/Argentina/Buenos_Aires',
      {
        name: 'Ana',
        time: '09:05',
        weekday: 3,
        date: '2026-07-01',
        place: 'Buenos Aires',
        zone: 'America/Argentina/Buenos_Aires',
        offset: '-03:00',
      },
    ],
    [
      'Sydney is already tomorrow',
      '2026-07-01T20:00:00Z',
      SYDNEY,
      { name: 'Ana', time: '06:00', weekday: 4, date: '2026-07-02', place: 'Sydney', zone: SYDNEY, offset: '+10:00' },
    ],
    [
      'UTC has no place',
      '2026-07-01T12:05:00Z',
      'UTC',
      { name: 'Ana', time: '12:05', weekday: 3, date: '2026-07-01', place: null, zone: 'UTC', offset: '+00:00' },
    ],
    [
      'Etc/GMT+5 has no place',
      '2026-07-01T12:05:00Z',
      'Etc/GMT+5',
      { name: 'Ana', time: '07:05', weekday: 3, date: '2026-07-01', place: null, zone: 'Etc/GMT+5', offset: '-05:00' },
    ],
  ])('%s', (_name, now, zone, expected) => {
    expect(localTimeLabel(now, zone, 'Ana')).toEqual(expected);
  });
});
