import { describe, expect, it } from 'vitest';
import { parseScheduleInput, schedulePresets, toCloseDate, toLocalInputValue } from './schedule';

describe('schedule', () => {
  const now = new Date(2026, 10, 26, 22, 10, 30); // Thursday, local time

  it('sends UTC with an explicit offset', () => {
    expect(toCloseDate(new Date(Date.UTC(2026, 4, 5, 16, 0, 0, 123)))).toBe('2026-05-05T16:00:00+00:00');
  });

  it('offers presets in the local zone, never in the past', () => {
    const presets = schedulePresets(now);
    expect(presets.map((p) => p.label)).toEqual(['In 1 hour', 'Tomorrow 9:00', 'Monday 9:00']);
    expect(presets[1]?.at).toEqual(new Date(2026, 10, 27, 9, 0));
    expect(presets[2]?.at).toEqual(new Date(2026, 10, 30, 9, 0));
    for (const p of presets) expect(p.at.getTime()).toBeGreaterThan(now.getTime());
  });

  it.each([
    ['2026-11-27T09:00', { at: new Date(2026, 10, 27, 9, 0) }],
    ['2026-11-26T22:10', { error: 'Pick a time at least a minute from now.' }],
    ['2020-01-01T09:00', { error: 'Pick a time at least a minute from now.' }],
    ['2026-02-30T09:00', { error: 'That date does not exist.' }],
    ['', { error: 'Pick a date and time to send.' }],
    ['tomorrow', { error: 'Pick a date and time to send.' }],
  ])('parses %j', (input, expected) => {
    expect(parseScheduleInput(input, now)).toEqual(expected);
  });

  it('round-trips a local input value', () => {
    const at = new Date(2026, 10, 27, 9, 5);
    expect(parseScheduleInput(toLocalInputValue(at), now)).toEqual({ at });
  });
});
