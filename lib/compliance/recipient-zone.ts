/**
 * The recipient's time zone, from what Close knows about them. Quiet hours are the *recipient's* local hours
 * (TCPA), and Close itself schedules in the rep's device zone, so we work it out from the most specific Close
 * field down to the least: the contact's own `timezone`, the phone's `tz_ids` (Close derives them from the
 * number), the lead addresses' `tz_ids`, and last the number's country when that country keeps one clock.
 *
 * A source naming several zones (a US number Close could not pin down) does not pick one: the caller gets all
 * of them, applies the strictest window, and the UI says so. A zone id nobody knows ("Mars/Base") is reported
 * with its source, so the rep sees why a weaker source was used; it never vanishes.
 */
import type { Contact, ContactPhone } from '../close/schemas';
import { normalizeNumber } from '../phone/normalize-number';
import { knownTimeZoneId } from './temporal';

/** The Close fields read here. `timezone` and `tz_ids` are in Close's OpenAPI but not (yet) in our schemas. */
export type ZoneContact = Partial<Pick<Contact, 'id' | 'name'>> & { timezone?: string | null };
export type ZonePhone = Pick<ContactPhone, 'phone' | 'country'> & { tz_ids?: readonly string[] | null };
export interface ZoneLead {
  addresses?: readonly { tz_ids?: readonly string[] | null }[] | null;
}

export interface ZoneInput {
  contact?: ZoneContact | null;
  phone?: ZonePhone | null;
  lead?: ZoneLead | null;
}

export type ZoneSource = 'contact' | 'phone' | 'address' | 'country';

export interface InvalidZone {
  source: ZoneSource;
  zone: string;
}

export type RecipientZone =
  | { kind: 'one'; zone: string; source: ZoneSource; country: string | null; invalid: InvalidZone[] }
  | {
      kind: 'several';
      zones: [string, ...string[]];
      source: 'phone' | 'address';
      /** The quiet-hours rule must hold in every one of `zones`; the UI says "several time zones". */
      strictest: true;
      country: string | null;
      invalid: InvalidZone[];
    }
  | { kind: 'unknown'; country: string | null; invalid: InvalidZone[] };

/**
 * Countries whose numbers all keep one clock, with that clock. A small table rather than Intl: CLDR's region →
 * zones data (`Intl.Locale#getTimeZones`) is not in Firefox, and a table is easy to review. The test checks
 * every row against Node's CLDR data: each zone CLDR lists for the country must show the same UTC offset as
 * the row's zone at every sampled instant (so DE's Europe/Busingen, which always matches Berlin, is fine).
 * A country missing here gives "unknown", which asks the rep — the safe failure.
 */
export const SINGLE_CLOCK_COUNTRIES: Readonly<Record<string, string>> = {
  AE: 'Asia/Dubai',
  AT: 'Europe/Vienna',
  BE: 'Europe/Brussels',
  BG: 'Europe/Sofia',
  BS: 'America/Nassau',
  CH: 'Europe/Zurich',
  CO: 'America/Bogota',
  CZ: 'Europe/Prague',
  DE: 'Europe/Berlin',
  DK: 'Europe/Copenhagen',
  DO: 'America/Santo_Domingo',
  EE: 'Europe/Tallinn',
  EG: 'Africa/Cairo',
  FI: 'Europe/Helsinki',
  FR: 'Europe/Paris',
  GB: 'Europe/London',
  GR: 'Europe/Athens',
  HK: 'Asia/Hong_Kong',
  HR: 'Europe/Zagreb',
  HU: 'Europe/Budapest',
  IE: 'Europe/Dublin',
  IL: 'Asia/Jerusalem',
  IN: 'Asia/Kolkata',
  IS: 'Atlantic/Reykjavik',
  IT: 'Europe/Rome',
  JM: 'America/Jamaica',
  JP: 'Asia/Tokyo',
  KE: 'Africa/Nairobi',
  KR: 'Asia/Seoul',
  LT: 'Europe/Vilnius',
  LU: 'Europe/Luxembourg',
  LV: 'Europe/Riga',
  MY: 'Asia/Kuala_Lumpur',
  NG: 'Africa/Lagos',
  NL: 'Europe/Amsterdam',
  NO: 'Europe/Oslo',
  PE: 'America/Lima',
  PH: 'Asia/Manila',
  PK: 'Asia/Karachi',
  PL: 'Europe/Warsaw',
  PR: 'America/Puerto_Rico',
  QA: 'Asia/Qatar',
  RO: 'Europe/Bucharest',
  SA: 'Asia/Riyadh',
  SE: 'Europe/Stockholm',
  SG: 'Asia/Singapore',
  SI: 'Europe/Ljubljana',
  SK: 'Europe/Bratislava',
  TH: 'Asia/Bangkok',
  TR: 'Europe/Istanbul',
  TW: 'Asia/Taipei',
  VN: 'Asia/Ho_Chi_Minh',
  ZA: 'Africa/Johannesburg',
};

export function recipientZone(input: ZoneInput): RecipientZone {
  const invalid: InvalidZone[] = [];
  const country = countryOf(input.phone);

  /** Valid, deduplicated zones of one source; unknown ids go to `invalid`. */
  const check = (source: ZoneSource, ids: readonly (string | null | undefined)[]): string[] => {
    const zones: string[] = [];
    for (const id of ids) {
      if (id === null || id === undefined || id.trim() === '') continue; // not set, rather than wrong
      const zone = knownTimeZoneId(id);
      if (zone === null) invalid.push({ source, zone: id });
      else if (!zones.includes(zone)) zones.push(zone);
    }
    return zones;
  };

  const contactZones = check('contact', [input.contact?.timezone]);
  if (contactZones[0] !== undefined) return one(contactZones[0], 'contact');

  const phoneZones = check('phone', input.phone?.tz_ids ?? []);
  if (phoneZones.length === 1 && phoneZones[0] !== undefined) return one(phoneZones[0], 'phone');

  const addressZones = check(
    'address',
    (input.lead?.addresses ?? []).flatMap((address) => address.tz_ids ?? []),
  );
  if (addressZones.length === 1 && addressZones[0] !== undefined) return one(addressZones[0], 'address');

  const countryZone = country === null ? undefined : SINGLE_CLOCK_COUNTRIES[country];
  if (countryZone !== undefined) return one(countryZone, 'country');

  for (const [source, zones] of [
    ['phone', phoneZones],
    ['address', addressZones],
  ] as const) {
    const [first, ...rest] = zones;
    if (first !== undefined)
      return { kind: 'several', zones: [first, ...rest], source, strictest: true, country, invalid };
  }
  return { kind: 'unknown', country, invalid };

  function one(zone: string, source: ZoneSource): RecipientZone {
    return { kind: 'one', zone, source, country, invalid };
  }
}

/** The zones the quiet-hours rule must respect; empty when unknown (the caller must ask the rep). */
export function zonesToRespect(zone: RecipientZone): string[] {
  if (zone.kind === 'one') return [zone.zone];
  if (zone.kind === 'several') return [...zone.zones];
  return [];
}

/** The number's country: libphonenumber's reading of the E.164 number first, Close's `country` field second. */
function countryOf(phone: ZonePhone | null | undefined): string | null {
  if (!phone) return null;
  const fromClose = phone.country?.trim().toUpperCase() || null;
  if (phone.phone.trim().startsWith('+')) {
    const parsed = normalizeNumber(phone.phone, fromClose ?? 'US');
    if (parsed.ok && parsed.country !== null) return parsed.country;
  }
  return fromClose;
}
