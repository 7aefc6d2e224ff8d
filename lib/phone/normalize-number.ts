import { parsePhoneNumberFromString } from 'libphonenumber-js/max';

export type NormalizedNumber =
  | { ok: true; e164: string; country: string | null; formatted: string }
  | { ok: false; error: string };

/** A number typed or picked by the rep, checked against full metadata and put into E.164. */
export function normalizeNumber(input: string, defaultCountry: string): NormalizedNumber {
  const text = input.normalize('NFKC').trim();
  if (!text) return { ok: false, error: 'Enter a phone number.' };
  if (!/\d/.test(text)) return { ok: false, error: `"${text}" is not a phone number.` };
  const parsed = parsePhoneNumberFromString(text, { defaultCountry: defaultCountry as never, extract: false });
  if (!parsed?.isValid()) {
    return {
      ok: false,
      error: text.startsWith('+')
        ? `${text} is not a valid phone number.`
        : `${text} is not a valid ${defaultCountry} number. Add the country code (e.g. +44) for other countries.`,
    };
  }
  return { ok: true, e164: parsed.number, country: parsed.country ?? null, formatted: parsed.formatInternational() };
}
