import { countryOfE164 } from './phones';

/**
 * `tz_ids` as Close gives them on a contact phone: derived from the number (Close uses Python phonenumbers'
 * timezone data). A country on one clock gives one zone; a NANP number gives its area code's zone when the
 * area code sits in one zone, else every zone of the country — which is what the extension must then treat as
 * "several zones, strictest wins". A small table covers the area codes the seed, the demo and the tests use.
 */
const NANP_AREA_CODES: Readonly<Record<string, string>> = {
  '202': 'America/New_York',
  '212': 'America/New_York',
  '312': 'America/Chicago',
  '303': 'America/Denver',
  '415': 'America/Los_Angeles',
  '650': 'America/Los_Angeles',
  '613': 'America/Toronto',
  '808': 'Pacific/Honolulu',
};

const COUNTRY_ZONES: Readonly<Record<string, readonly string[]>> = {
  US: [
    'America/New_York',
    'America/Chicago',
    'America/Denver',
    'America/Phoenix',
    'America/Los_Angeles',
    'America/Anchorage',
    'Pacific/Honolulu',
  ],
  CA: [
    'America/St_Johns',
    'America/Halifax',
    'America/Toronto',
    'America/Winnipeg',
    'America/Edmonton',
    'America/Vancouver',
  ],
  GB: ['Europe/London'],
  DE: ['Europe/Berlin'],
  FR: ['Europe/Paris'],
  AU: ['Australia/Sydney', 'Australia/Brisbane', 'Australia/Adelaide', 'Australia/Darwin', 'Australia/Perth'],
};

export function tzIdsFor(e164: string): string[] {
  const country = countryOfE164(e164);
  if (country === 'US' || country === 'CA') {
    const zone = NANP_AREA_CODES[e164.slice(2, 5)];
    if (zone) return [zone];
  }
  return [...(country ? (COUNTRY_ZONES[country] ?? []) : [])];
}
