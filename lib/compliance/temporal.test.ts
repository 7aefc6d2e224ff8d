import { afterEach, describe, expect, it, vi } from 'vitest';
import { knownTimeZoneId, temporal } from './temporal';

describe('knownTimeZoneId', () => {
  it.each([
    ['America/New_York', 'America/New_York'],
    ['Europe/London', 'Europe/London'],
    ['Australia/Sydney', 'Australia/Sydney'],
    ['UTC', 'UTC'],
    ['america/los_angeles', 'America/Los_Angeles'],
    ['Mars/Base', null],
    ['', null],
    ['  ', null],
    ['New York', null],
  ])('%j → %j', (zone, id) => {
    expect(knownTimeZoneId(zone)).toBe(id);
  });
});

describe('temporal', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('fails loudly when the browser has no Temporal', () => {
    vi.stubGlobal('Temporal', undefined);
    expect(() => temporal()).toThrow(/no Temporal API/);
  });
});
