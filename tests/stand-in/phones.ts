import { type CountryCode, parsePhoneNumberFromString } from 'libphonenumber-js/max';

/** Strict E.164: what Close documents for `local_phone`/`remote_phone`; formatting characters are refused. */
const E164 = /^\+[1-9]\d{6,14}$/;

export interface ParsedPhone {
  e164: string;
  /** ISO country, or null for non-geographic numbers. */
  country: string | null;
  formatted: string;
  type: string | undefined;
}

/** Parses a strict E.164 string; null when it is not E.164 or not a valid number (full metadata). */
export function parseE164(value: string): ParsedPhone | null {
  if (!E164.test(value)) return null;
  return describe(value);
}

/**
 * Normalises a number typed by a person (e.g. on POST /lead/) the way Close does: national formats are read in the
 * account's country, so `(650) 253-0000` becomes `+16502530000`.
 */
export function normalizePhone(raw: string, defaultCountry: CountryCode): ParsedPhone | null {
  return describe(raw, defaultCountry);
}

function describe(text: string, defaultCountry?: CountryCode): ParsedPhone | null {
  const parsed = parsePhoneNumberFromString(text, defaultCountry);
  if (!parsed?.isValid()) return null;
  return {
    e164: parsed.number,
    country: parsed.country ?? null,
    formatted: formatLikeClose(parsed.countryCallingCode, parsed.formatInternational()),
    type: parsed.getType(),
  };
}

/**
 * Close formats with Python `phonenumbers` INTERNATIONAL, which writes NANP numbers as `+1 415-666-0100`;
 * libphonenumber-js writes `+1 415 666 0100`, so NANP is re-punctuated to match.
 */
function formatLikeClose(callingCode: string, international: string): string {
  if (callingCode !== '1') return international;
  const match = /^\+1 (\d{3}) (\d{3}) (\d{4})$/.exec(international);
  return match ? `+1 ${match[1]}-${match[2]}-${match[3]}` : international;
}

/** Formats a number already stored as E.164 (falls back to the raw value so a response never breaks). */
export function formatE164(e164: string): string {
  return parseE164(e164)?.formatted ?? e164;
}

export function countryOfE164(e164: string): string | null {
  return parseE164(e164)?.country ?? null;
}
