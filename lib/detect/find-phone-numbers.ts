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
import {
  type CandidateRun,
  countDigits,
  findInnerMatch,
  hasValidFormatting,
  isDigitCode,
  isValidPreCandidate,
  scanCandidate,
  trimSecondNumber,
} from './phone-candidates';
import { MIN_DIGITS, passesCheapRules } from './phone-shapes';
import { resolveDefaultCountry, validatePhoneCandidate } from './validate-phone';

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

/**
 * Cheap prefilter for the content script: false means the text cannot contain a phone
 * number (fewer than 7 digits), so the node can be skipped without running the finder.
 */
export function mayContainPhone(text: string): boolean {
  if (text.length < MIN_DIGITS) return false;
  let digits = 0;
  for (let i = 0; i < text.length; i++) {
    if (isDigitCode(text.charCodeAt(i)) && ++digits >= MIN_DIGITS) return true;
  }
  return false;
}

/** Our rules, then libphonenumber-js, for one (sub)candidate. */
function checkCandidate(
  text: string,
  candidate: string,
  offset: number,
  country: CountryCode | undefined,
): PhoneMatch | null {
  const digits = countDigits(candidate);
  if (digits < MIN_DIGITS || !hasValidFormatting(candidate)) return null;
  if (!passesCheapRules(text, candidate, offset, digits, country)) return null;
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
  const lead = OPENING_BRACKET.exec(candidate);
  if (lead === null || CLOSING_BRACKET.test(candidate)) return 0;
  return lead[0].length;
}

/** Returns all phone numbers in `text`, in text order, non-overlapping. */
export function findPhoneNumbers(text: string, options?: FindPhoneNumbersOptions): PhoneMatch[] {
  const matches: PhoneMatch[] = [];
  if (!mayContainPhone(text)) return matches;
  const country = resolveDefaultCountry(options?.defaultCountry);
  const accept = (candidate: string, offset: number) => checkCandidate(text, candidate, offset, country);

  const run: CandidateRun = { start: 0, end: 0, digits: 0 };
  let from = 0;
  while (scanCandidate(text, from, run)) {
    // Like a global regex, the next search starts where this candidate ended.
    from = run.end;
    // Fewer than 7 digits in the whole run means no part of it can be a number either.
    if (run.digits < MIN_DIGITS) continue;
    const offset = run.start;
    const candidate = trimSecondNumber(text.slice(offset, run.end));
    if (!isValidPreCandidate(candidate, offset, text)) continue;

    const match = accept(candidate, offset) ?? findInnerMatch(candidate, offset, accept);
    if (match !== null) {
      matches.push(match);
      // Resume right after the number: an inner match may leave more numbers in this run.
      from = match.end;
    }
  }
  return matches;
}
