import '../../tests/unit/install-temporal';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { isKnownTimeZone, temporal } from './temporal';

describe('isKnownTimeZone', () => {
  it.each([
    ['America/New_York', true],
    ['Europe/London', true],
    ['Australia/Sydney', true],
    ['UTC', true],
    ['america/los_angeles', true],
    ['Mars/Base', false],
    ['', false],
    ['New York', false],
  ])('%s → %s', (zone, known) => {
    expect(isKnownTimeZone(zone)).toBe(known);
  });
});

describe('temporal', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('fails loudly when the browser has no Temporal', () => {
    vi.stubGlobal('Temporal', undefined);
    expect(() => temporal()).toThrow(/no Temporal API/);
  });
});
