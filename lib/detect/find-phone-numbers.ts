/**
 * Phone-number detection in plain text: one pass over the characters finds digit runs
 * (phone-candidates.ts), cheap rules discard what cannot be a phone number
 * (phone-shapes.ts), and only the survivors reach libphonenumber-js (validate-phone.ts).
 *
 * Candidates and spans follow libphonenumber-js's findPhoneNumbersInText (same scanner,
 * same inner-number splitting, same validation), so our matches are the library's minus the
 * dates, IDs, amounts, URL segments and local numbers that phone-shapes.ts and
 * validate-phone.ts reject — identical on ordinary text (see tests/bench/detect-throughput.ts).
 *
 * Span rules:
 *  - `raw` includes an extension when one follows ("(415) 666-7777 ext. 123"), as the
 *    library's span does; `e164` never carries the extension.
 *  - A leading "+" and a closed leading "(" belong to the span ("+44 20 7946 0958",
 *    "(415) 666-7777"); an opening bracket that is never closed does not ("(07911 123456)"
 *    spans "07911 123456" — the one place our spans differ from libphonenumber's).
 *  - Offsets are UTF-16 indexes into the original text. Full-width digits ("４１５") are one
 *    code unit each, so they map 1:1 and `raw` keeps them as written; only `e164` is ASCII.
 */

import type { CountryCode } from 'libphonenumber-js/max';
import { forEachCandidate } from './find-candidates';
import { resolveDefaultCountry, validatePhoneCandidate } from './validate-phone';

export { mayContainPhone } from './find-candidates';

export interface PhoneMatch {
  start: number;
  end: number;
  /** text.slice(start, end), extension included when present. */
  raw: string;
  /** E.164 without extension, e.g. "+14156667777". */
  e164: string;
}

export interface FindPhoneNumbersOptions {
  /** ISO 3166-1 alpha-2 country for numbers written without a country code. Defaults to "US". */
  defaultCountry?: string;
}

/** libphonenumber-js for one (sub)candidate that passed our cheap rules. */
function checkCandidate(candidate: string, offset: number, country: CountryCode | undefined): PhoneMatch | null {
  const e164 = validatePhoneCandidate(candidate, country);
  if (e164 === null) return null;
  const end = offset + candidate.length;
  const lead = unbalancedLeadLength(candidate);
  return { start: offset + lead, end, raw: lead === 0 ? candidate : candidate.slice(lead), e164 };
}

const OPENING_BRACKET = /^[([\uFF08\uFF3B][\s\u3000]*/;
const CLOSING_BRACKET = /[)\]\uFF09\uFF3D]/;

/**
 * libphonenumber lets a candidate start with an opening bracket that is never closed, so
 * "(07911 123456)" would span "(07911 123456". The bracket belongs to the sentence, not the
 * number: leave it (and any space after it) out of the span. Validation still sees the
 * candidate exactly as libphonenumber does, so the E.164 is unaffected.
 */
function unbalancedLeadLength(candidate: string): number {
  // Almost every number starts with a digit or "+": no regex for those.
  const first = candidate.charCodeAt(0);
  if (first !== 40 && first !== 91 && first !== 0xff08 && first !== 0xff3b) return 0;
  const lead = OPENING_BRACKET.exec(candidate);
  if (lead === null || CLOSING_BRACKET.test(candidate)) return 0;
  return lead[0].length;
}

/** Returns all phone numbers in `text`, in text order, non-overlapping. */
export function findPhoneNumbers(text: string, options?: FindPhoneNumbersOptions): PhoneMatch[] {
  const matches: PhoneMatch[] = [];
  const country = resolveDefaultCountry(options?.defaultCountry);
  forEachCandidate(
    text,
    country,
    (candidate, offset) => checkCandidate(candidate, offset, country),
    (match) => {
      matches.push(match);
      return true;
    },
  );
  return matches;
}
