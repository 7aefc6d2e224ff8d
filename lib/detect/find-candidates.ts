/**
 * The metadata-free half of phone detection: the candidate scan and every cheap rule, with the validator
 * passed in. The always-on content script uses it alone (`hasPhoneCandidate`) to decide whether a frame
 * needs the validator at all; findPhoneNumbers (find-phone-numbers.ts) runs the same loop with
 * libphonenumber-js as the validator, so both agree on what a candidate is.
 *
 * This file and its imports must never import libphonenumber-js: tests/unit/content-bundle.test.ts fails
 * when the always-on bundle contains metadata.
 */
import {
  type CandidateRun,
  DIGIT_COUNT,
  findInnerMatch,
  HAS_BRACKET,
  HAS_NON_ASCII,
  HAS_SLASH,
  hasValidFormatting,
  isDigitCode,
  isValidPreCandidate,
  readCandidate,
  scanCandidate,
  trimSecondNumber,
} from './phone-candidates';
import { MIN_DIGITS, passesCheapRules } from './phone-shapes';

/**
 * Cheapest test: false means the text cannot contain a phone number (fewer than 7 digits), so the node
 * can be skipped without running the scanner.
 */
export function mayContainPhone(text: string): boolean {
  if (text.length < MIN_DIGITS) return false;
  let digits = 0;
  for (let i = 0; i < text.length; i++) {
    if (isDigitCode(text.charCodeAt(i)) && ++digits >= MIN_DIGITS) return true;
  }
  return false;
}

/**
 * The candidate loop of libphonenumber's matcher: each digit run, trimmed, is offered whole and then split
 * into inner candidates (findInnerMatch) until `check` accepts one. `check` only sees candidates that
 * passed our cheap rules. Calls `found` for each accepted one, in text order.
 */
export function forEachCandidate<T extends { end: number }>(
  text: string,
  defaultCountry: string | undefined,
  validate: (candidate: string, offset: number) => T | null,
  found: (match: T) => boolean | undefined,
): void {
  if (!mayContainPhone(text)) return;
  const accept = (candidate: string, offset: number, info = readCandidate(candidate)): T | null => {
    const digits = info & DIGIT_COUNT;
    if (digits < MIN_DIGITS) return null;
    if ((info & (HAS_BRACKET | HAS_NON_ASCII)) !== 0 && !hasValidFormatting(candidate)) return null;
    if (!passesCheapRules(text, candidate, offset, digits, defaultCountry, info)) return null;
    return validate(candidate, offset);
  };
  const run: CandidateRun = { start: 0, end: 0, info: 0 };
  let from = 0;
  while (scanCandidate(text, from, run)) {
    // Like a global regex, the next search starts where this candidate ended.
    from = run.end;
    // Fewer than 7 digits in the whole run means no part of it can be a number either.
    if ((run.info & DIGIT_COUNT) < MIN_DIGITS) continue;
    const offset = run.start;
    let candidate = text.slice(offset, run.end);
    // The scanner has read the run already; only a run cut short by trimSecondNumber is read again.
    let info = run.info;
    if ((info & HAS_SLASH) !== 0) {
      const trimmed = trimSecondNumber(candidate);
      if (trimmed.length !== candidate.length) {
        candidate = trimmed;
        info = readCandidate(candidate);
      }
    }
    if (!isValidPreCandidate(candidate, offset, text, info)) continue;
    const match = accept(candidate, offset, info) ?? findInnerMatch(candidate, offset, accept, info);
    if (match !== null) {
      if (found(match) === false) return;
      // Resume right after the number: an inner match may leave more numbers in this run.
      from = match.end;
    }
  }
}

/**
 * True when the text holds at least one digit run that survives every rule short of the metadata: the
 * always-on content script loads the validator only for frames where this is true somewhere. A
 * candidate counts whole-run (before inner splitting), so this never says false where findPhoneNumbers
 * would find a number.
 */
export function hasPhoneCandidate(text: string): boolean {
  let any = false;
  forEachCandidate(
    text,
    undefined,
    (candidate, offset) => ({ end: offset + candidate.length }),
    () => {
      any = true;
      return false;
    },
  );
  return any;
}
