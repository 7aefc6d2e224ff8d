import { describe, expect, it } from 'vitest';
import { normalizeNumber } from './normalize-number';

describe('normalizeNumber', () => {
  it.each([
    ['(415) 666-7777', 'US', '+14156667777', 'US'],
    ['+44 20 7946 0958', 'US', '+442079460958', 'GB'],
    ['020 7946 0958', 'GB', '+442079460958', 'GB'],
    ['０２０ ７９４６ ０９５８', 'GB', '+442079460958', 'GB'],
    ['  415.666.7777 ', 'US', '+14156667777', 'US'],
  ])('%s (%s) → %s', (input, country, e164, iso) => {
    expect(normalizeNumber(input, country)).toMatchObject({ ok: true, e164, country: iso });
  });

  it.each([
    ['', 'US', 'Enter a phone number.'],
    ['call me', 'US', '"call me" is not a phone number.'],
    ['666-7777', 'US', '666-7777 is not a valid US number. Add the country code (e.g. +44) for other countries.'],
    ['+1 555 0100', 'US', '+1 555 0100 is not a valid phone number.'],
  ])('%j is refused', (input, country, error) => {
    expect(normalizeNumber(input, country)).toEqual({ ok: false, error });
  });
});
