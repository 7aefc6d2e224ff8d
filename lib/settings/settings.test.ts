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
      'quiet hours repaired, footer kept',
      {
        quietHours: { start: '09:00', end: '08:00', daysOff: [7, 6, 9] },
        firstTextFooter: { template: ' - Maya. Reply STOP to opt out ' },
      },
      {
        ...DEFAULT_SETTINGS,
        quietHours: { enabled: true, start: '08:00', end: '21:00', daysOff: [6, 7] },
        firstTextFooter: { enabled: true, template: '- Maya. Reply STOP to opt out' },
      },
    ],
    [
      'quiet hours and footer off only when explicitly off',
      { quietHours: { enabled: false }, firstTextFooter: { enabled: false, template: '' } },
      {
        ...DEFAULT_SETTINGS,
        quietHours: { ...DEFAULT_SETTINGS.quietHours, enabled: false },
        firstTextFooter: { ...DEFAULT_SETTINGS.firstTextFooter, enabled: false },
      },
    ],
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
