import { describe, expect, it } from 'vitest';
import { complianceFacts } from '@/tests/unit/support/compliance';
import type { ComposeCompliance } from '../protocol';
import { attemptObstacle, bothTimes, complianceView, recipientPresets } from './compose-compliance';
import { DEFAULT_QUIET_HOURS } from './quiet-hours';

const LA = { kind: 'one', zone: 'America/Los_Angeles', source: 'phone', country: 'US', invalid: [] } as const;
const NY = { kind: 'one', zone: 'America/New_York', source: 'contact', country: 'US', invalid: [] } as const;

function compliance(over: Partial<ComposeCompliance['facts']> = {}): ComposeCompliance {
  return {
    facts: complianceFacts(over),
    zones: { cont_ana: { ...LA, invalid: [] }, cont_work: { ...NY, invalid: [] } },
    footer: null,
  };
}
const ANA = { id: 'cont_ana', name: 'Ana' };
// 07:40 UTC: 23:40 in Los Angeles, 02:40 in New York. The rep is in Berlin (08:40).
const NIGHT = '2026-12-01T07:40:00Z';
const REP = 'Europe/Berlin';

describe('complianceView', () => {
  it('23:40 for Ana: says so and offers 8:00 their time, with the rep’s time beside it', () => {
    const v = complianceView(compliance(), ANA, NIGHT, REP);
    expect(v.localTime).toBe('It’s 23:40 for Ana, in Los Angeles');
    expect(v.notices.map((n) => n.kind)).toEqual(['quiet-hours']);
    expect(v.nextAllowed).toEqual({
      at: '2026-12-01T16:00:00Z',
      label: 'Schedule for Tue 08:00 their time (Tue 17:00 yours)',
    });
    expect(v.block).toBeNull();
  });

  it('follows the contact the rep picks', () => {
    const v = complianceView(compliance(), { id: 'cont_work', name: 'Ana (work)' }, NIGHT, REP);
    expect(v.localTime).toBe('It’s 02:40 for Ana (work), in New York');
    expect(v.nextAllowed?.at).toBe('2026-12-01T13:00:00Z');
  });

  it('a block disables the composer with its reason', () => {
    const v = complianceView(compliance({ optedOut: true }), ANA, '2026-12-01T18:00:00Z', REP);
    expect(v.block).toMatch(/opted out/);
    expect(v.notices).toEqual([]);
  });

  it('an opt-out reply: a reason to block with', () => {
    const v = complianceView(
      compliance({ lastInbound: { text: 'STOP', at: '2026-11-30T10:00:00Z' } }),
      ANA,
      '2026-12-01T18:00:00Z',
      REP,
    );
    expect(v.optOutReason).toBe('Replied “STOP” on 2026-11-30');
  });

  it.each([
    [
      'several',
      {
        kind: 'several',
        zones: ['America/New_York', 'America/Chicago'],
        source: 'phone',
        strictest: true,
        country: 'US',
        invalid: [],
      },
      'Ana’s number may be in 2 time zones; quiet hours must hold in all of them.',
    ],
    ['unknown', { kind: 'unknown', country: null, invalid: [] }, 'Ana’s time zone is unknown.'],
  ] as const)('zone note: %s', (_name, zone, note) => {
    const c = compliance({ zone: zone as never });
    c.zones = {};
    expect(complianceView(c, ANA, '2026-12-01T18:00:00Z', REP).zoneNote).toBe(note);
  });
});

describe('attemptObstacle', () => {
  it('stops until acknowledged, then lets it go', () => {
    const attempt = { mode: 'send', at: NIGHT, now: NIGHT } as const;
    expect(attemptObstacle(compliance(), ANA, attempt, [], REP)?.kind).toBe('quiet-hours');
    expect(attemptObstacle(compliance(), ANA, attempt, ['quiet-hours'], REP)).toBeNull();
  });
});

describe('bothTimes and recipientPresets', () => {
  it.each([
    ['same zone', 'America/Los_Angeles', 'Tue 08:00 (same as yours)'],
    ['Berlin', 'Europe/Berlin', 'Tue 08:00 their time (Tue 17:00 yours)'],
    ['Sydney: the next day for the rep', 'Australia/Sydney', 'Tue 08:00 their time (Wed 03:00 yours)'],
  ])('%s', (_name, repZone, expected) => {
    expect(bothTimes('2026-12-01T16:00:00Z', 'America/Los_Angeles', repZone)).toBe(expected);
  });

  it('presets in the recipient’s zone, next allowed first', () => {
    // Tue 23:40 in Los Angeles.
    expect(recipientPresets(NIGHT, 'America/Los_Angeles', DEFAULT_QUIET_HOURS, REP)).toEqual([
      { label: 'Next allowed Tue 08:00 their time (Tue 17:00 yours)', at: '2026-12-01T16:00:00Z' },
      { label: 'Tomorrow Tue 09:00 their time (Tue 18:00 yours)', at: '2026-12-01T17:00:00Z' },
      { label: 'Monday Mon 09:00 their time (Mon 18:00 yours)', at: '2026-12-07T17:00:00Z' },
    ]);
  });

  it('a 9:00 outside a custom window moves into it', () => {
    const rules = { ...DEFAULT_QUIET_HOURS, start: '10:00' };
    // Tue 12:00 in Los Angeles: inside the window, so the first preset is tomorrow, at 10:00 not 9:00.
    const [tomorrow] = recipientPresets('2026-12-01T20:00:00Z', 'America/Los_Angeles', rules, REP);
    expect(tomorrow).toEqual({
      label: 'Tomorrow Wed 10:00 their time (Wed 19:00 yours)',
      at: '2026-12-02T18:00:00Z',
    });
  });
});
