import { describe, expect, it } from 'vitest';
import { countryFromLocale, DEFAULT_SETTINGS, normalizeSettings } from './settings';

describe('normalizeSettings', () => {
  it.each([
    ['nothing', undefined, DEFAULT_SETTINGS],
    ['garbage', 'x', DEFAULT_SETTINGS],
    ['lower-case country', { defaultCountry: 'gb' }, { ...DEFAULT_SETTINGS, defaultCountry: 'GB' }],
    ['bad country', { defaultCountry: 'Germany' }, DEFAULT_SETTINGS],
    ['bad mode', { detectionMode: 'sometimes' }, DEFAULT_SETTINGS],
    [
      'lists keep strings only',
      { detectionMode: 'sites', sites: ['a.com', 3, ''], excludedSites: 'x' },
      { ...DEFAULT_SETTINGS, detectionMode: 'sites', sites: ['a.com'] },
    ],
  ])('%s', (_name, input, expected) => {
    expect(normalizeSettings(input)).toEqual(expected);
  });
});

describe('countryFromLocale', () => {
  it.each([
    ['en-GB', 'GB'],
    ['de-DE', 'DE'],
    ['fr_fr', 'FR'],
    ['en', null],
    ['zh-Hans-CN', null],
    [undefined, null],
  ])('%s → %s', (locale, country) => {
    expect(countryFromLocale(locale)).toBe(country);
  });
});
