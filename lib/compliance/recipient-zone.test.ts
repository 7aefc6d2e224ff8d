import { describe, expect, it } from 'vitest';
import {
  type RecipientZone,
  recipientZone,
  SINGLE_CLOCK_COUNTRIES,
  type ZoneInput,
  zonesToRespect,
} from './recipient-zone';
import { temporal } from './temporal';

const US = '+12125550123';
const UK = '+442079460958';
const FIVE_US_ZONES = [
  'America/New_York',
  'America/Chicago',
  'America/Denver',
  'America/Phoenix',
  'America/Los_Angeles',
];

describe('recipientZone', () => {
  it.each<[string, ZoneInput, RecipientZone]>([
    [
      "the contact's timezone wins over everything",
      {
        contact: { timezone: 'America/Denver' },
        phone: { phone: US, tz_ids: ['America/New_York'] },
        lead: { addresses: [{ tz_ids: ['America/Chicago'] }] },
      },
      { kind: 'one', zone: 'America/Denver', source: 'contact', country: 'US', invalid: [] },
    ],
    [
      "the contact's timezone is spelled as Temporal spells it",
      { contact: { timezone: 'america/los_angeles' } },
      { kind: 'one', zone: 'America/Los_Angeles', source: 'contact', country: null, invalid: [] },
    ],
    [
      "the phone's single tz_id when the contact has none",
      { contact: { timezone: null }, phone: { phone: US, tz_ids: ['America/New_York'] } },
      { kind: 'one', zone: 'America/New_York', source: 'phone', country: 'US', invalid: [] },
    ],
    [
      'a tz_id repeated is still one zone',
      { phone: { phone: US, tz_ids: ['America/New_York', 'America/New_York'] } },
      { kind: 'one', zone: 'America/New_York', source: 'phone', country: 'US', invalid: [] },
    ],
    [
      "the lead address's tz_ids when the phone has none",
      { contact: {}, phone: { phone: US, tz_ids: [] }, lead: { addresses: [{ tz_ids: ['America/Chicago'] }] } },
      { kind: 'one', zone: 'America/Chicago', source: 'address', country: 'US', invalid: [] },
    ],
    [
      "the address's one zone beats the phone's several",
      { phone: { phone: US, tz_ids: FIVE_US_ZONES }, lead: { addresses: [{ tz_ids: ['America/Denver'] }] } },
      { kind: 'one', zone: 'America/Denver', source: 'address', country: 'US', invalid: [] },
    ],
    [
      'two addresses in the same zone are one zone',
      { phone: { phone: US }, lead: { addresses: [{ tz_ids: ['America/Chicago'] }, { tz_ids: ['America/Chicago'] }] } },
      { kind: 'one', zone: 'America/Chicago', source: 'address', country: 'US', invalid: [] },
    ],
    [
      "the number's country when it keeps one clock (libphonenumber reads GB)",
      { phone: { phone: UK, country: null, tz_ids: null } },
      { kind: 'one', zone: 'Europe/London', source: 'country', country: 'GB', invalid: [] },
    ],
    [
      'libphonenumber tells a Jamaican +1 number from a US one',
      { phone: { phone: '+18765550123' } },
      { kind: 'one', zone: 'America/Jamaica', source: 'country', country: 'JM', invalid: [] },
    ],
    [
      "Close's country field when the number is not E.164",
      { phone: { phone: '020 7946 0958', country: 'gb' } },
      { kind: 'one', zone: 'Europe/London', source: 'country', country: 'GB', invalid: [] },
    ],
    [
      'a phone with five tz_ids gives all five, strictest',
      { phone: { phone: US, tz_ids: FIVE_US_ZONES } },
      {
        kind: 'several',
        zones: FIVE_US_ZONES as [string],
        source: 'phone',
        strictest: true,
        country: 'US',
        invalid: [],
      },
    ],
    [
      'several address zones, strictest',
      { phone: { phone: US }, lead: { addresses: [{ tz_ids: ['America/Chicago'] }, { tz_ids: ['America/Denver'] }] } },
      {
        kind: 'several',
        zones: ['America/Chicago', 'America/Denver'],
        source: 'address',
        strictest: true,
        country: 'US',
        invalid: [],
      },
    ],
    [
      'a US number with no zones is unknown (the US has several clocks)',
      { contact: { timezone: null }, phone: { phone: US, tz_ids: [] }, lead: { addresses: [] } },
      { kind: 'unknown', country: 'US', invalid: [] },
    ],
    ['nothing at all is unknown', {}, { kind: 'unknown', country: null, invalid: [] }],
    [
      'a country that is not in the table is unknown, not guessed',
      { phone: { phone: '+380441234567' } },
      { kind: 'unknown', country: 'UA', invalid: [] },
    ],
    [
      "an invalid contact zone is reported and the phone's zone used",
      { contact: { timezone: 'Mars/Base' }, phone: { phone: US, tz_ids: ['America/New_York'] } },
      {
        kind: 'one',
        zone: 'America/New_York',
        source: 'phone',
        country: 'US',
        invalid: [{ source: 'contact', zone: 'Mars/Base' }],
      },
    ],
    [
      'an invalid contact zone with nothing else is unknown, and says why',
      { contact: { timezone: 'Mars/Base' }, phone: { phone: US } },
      { kind: 'unknown', country: 'US', invalid: [{ source: 'contact', zone: 'Mars/Base' }] },
    ],
    [
      'an invalid tz_id among valid ones is reported, the valid one used',
      { phone: { phone: US, tz_ids: ['Mars/Base', 'America/Chicago'] } },
      {
        kind: 'one',
        zone: 'America/Chicago',
        source: 'phone',
        country: 'US',
        invalid: [{ source: 'phone', zone: 'Mars/Base' }],
      },
    ],
    [
      'invalid ids from every source are all reported',
      {
        contact: { timezone: 'Nowhere' },
        phone: { phone: UK, tz_ids: ['Mars/Base'] },
        lead: { addresses: [{ tz_ids: ['Moon/Tranquility'] }] },
      },
      {
        kind: 'one',
        zone: 'Europe/London',
        source: 'country',
        country: 'GB',
        invalid: [
          { source: 'contact', zone: 'Nowhere' },
          { source: 'phone', zone: 'Mars/Base' },
          { source: 'address', zone: 'Moon/Tranquility' },
        ],
      },
    ],
    [
      'an empty contact timezone is "not set", not invalid',
      { contact: { timezone: '' }, phone: { phone: US, tz_ids: ['America/Denver'] } },
      {
        kind: 'one',
        zone: 'America/Denver',
        source: 'phone',
        country: 'US',
        invalid: [],
      },
    ],
  ])('%s', (_name, input, expected) => {
    expect(recipientZone(input)).toEqual(expected);
  });
});

describe('zonesToRespect', () => {
  it.each<[string, RecipientZone, string[]]>([
    ['one', { kind: 'one', zone: 'Europe/London', source: 'country', country: 'GB', invalid: [] }, ['Europe/London']],
    [
      'several',
      {
        kind: 'several',
        zones: ['America/Chicago', 'America/Denver'],
        source: 'phone',
        strictest: true,
        country: 'US',
        invalid: [],
      },
      ['America/Chicago', 'America/Denver'],
    ],
    ['unknown', { kind: 'unknown', country: null, invalid: [] }, []],
  ])('%s', (_name, zone, zones) => {
    expect(zonesToRespect(zone)).toEqual(zones);
  });
});

describe('SINGLE_CLOCK_COUNTRIES', () => {
  // Every zone CLDR lists for the country must read the same UTC offset as our row, every fortnight for 7 years.
  const cldrZones = (country: string): string[] => {
    const locale = new Intl.Locale(`und-${country}`) as Intl.Locale & {
      getTimeZones?: () => string[];
      timeZones?: string[];
    };
    const zones = locale.getTimeZones?.() ?? locale.timeZones;
    if (!zones) throw new Error('This Node has no Intl.Locale time zone data to check the table against.');
    return zones;
  };
  const { Instant } = temporal();
  const start = Instant.from('2024-01-01T00:00:00Z');
  const samples = Array.from({ length: 7 * 26 }, (_, i) => start.add({ hours: 24 * 14 * i }));

  it.each(Object.entries(SINGLE_CLOCK_COUNTRIES))('%s keeps one clock: %s', (country, zone) => {
    const zones = cldrZones(country);
    expect(zones.length).toBeGreaterThan(0);
    for (const other of zones) {
      for (const instant of samples) {
        expect(instant.toZonedDateTimeISO(other).offset, `${other} vs ${zone} at ${instant}`).toBe(
          instant.toZonedDateTimeISO(zone).offset,
        );
      }
    }
  });
});
