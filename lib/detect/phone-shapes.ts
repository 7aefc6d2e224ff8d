/**
 * Cheap rejections that run before libphonenumber-js is asked anything.
 *
 * libphonenumber's own matcher accepts anything that parses as a valid number, so
 * dates, IDs and URL segments that happen to hit a real numbering range become
 * false positives (google/libphonenumber#708, libphonenumber-js#213/#466). These
 * rules are stricter than libphonenumber, never looser: every candidate they let
 * through is still validated by the library.
 */

import { lazyRegExp } from './lazy-regexp';
import {
  countDigits,
  HAS_DASH,
  HAS_DOT,
  HAS_NON_ASCII,
  HAS_OTHER,
  HAS_SLASH,
  isDigitCode,
  TRAILING_EXTENSION,
  toAsciiShape,
} from './phone-candidates';

/** National numbers are 7–17 digits here: shorter ones are local numbers without area code. */
export const MIN_DIGITS = 7;
export const MAX_DIGITS = 17;

/**
 * Letters of space-separated scripts (Latin, Greek, Cyrillic), digits of any script, combining
 * marks and '_'. CJK, Thai, Arabic letters are not here: those scripts write numbers right
 * against the words ("電話：０３-１２３４-５６７８まで").
 */
const wordChar = lazyRegExp(String.raw`[\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}\p{Nd}\p{M}_]`, 'u');

/** Such characters glue a number into a bigger token ("abc4155550123", "4155550123_x"). */
function isWordCode(text: string, index: number): boolean {
  const code = text.charCodeAt(index);
  if (code < 128) {
    return (
      (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95 // _
    );
  }
  return wordChar().test(text.charAt(index));
}

/** Currency symbols (Unicode Sc) and '%': a number next to them is an amount. */
const amountChar = lazyRegExp(String.raw`[\p{Sc}%\u2030]`, 'u');

function isAmountChar(text: string, index: number): boolean {
  if (index < 0 || index >= text.length) return false;
  const code = text.charCodeAt(index);
  // In ASCII only '$' and '%' are amount characters; the Unicode test is for the rest.
  if (code < 128) return code === 36 || code === 37;
  return amountChar().test(text.charAt(index));
}

function isSpace(code: number): boolean {
  return code === 32 || code === 0xa0 || code === 0x202f;
}

/**
 * The characters around a candidate must end the token: "abc4155550123", "#A12345678901",
 * "ORD-4155550123", "v1.4155550123", "4155550123_x", "$4155550123", "4155550123 %" all fail.
 */
export function hasCleanBoundaries(text: string, start: number, end: number): boolean {
  if (start > 0) {
    // Google's matcher checks the left neighbour only of candidates that start with a digit, so
    // "Phone(415) …" is a number. We keep that for "(" but not for "+": "ZIP+4 94105-1234" would be a
    // German number, and "Tel+44" is rare. A digit on the left still means a longer token.
    const lead = text.charCodeAt(start);
    const startsWithLead = lead === 40 || lead === 0xff08;
    if (startsWithLead ? isDigitCode(text.charCodeAt(start - 1)) : isWordCode(text, start - 1)) return false;
    const prev = text.charCodeAt(start - 1);
    // '#' and '№' introduce order/ticket numbers.
    if (prev === 35 || prev === 0x2116 || prev === 0xff03) return false;
    // "ORD-…" continues a token on the left; "1.…" / "1,…" continue a decimal or thousands group.
    if (prev === 45 && start > 1 && isWordCode(text, start - 2)) return false;
    if ((prev === 46 || prev === 44) && start > 1 && isDigitCode(text.charCodeAt(start - 2))) return false;
    if (isAmountChar(text, start - 1)) return false;
    if (start > 1 && isSpace(prev) && isAmountChar(text, start - 2)) return false;
  }
  if (end < text.length) {
    if (isWordCode(text, end)) return false;
    const next = text.charCodeAt(end);
    // "…-X" (ISBN check digit) / "…-12" continue the token; "….5" / "…,50" are decimals.
    // ("…7777.Thanks" stays a number: a full stop before a letter ends a sentence.)
    if (next === 45 && end + 1 < text.length && isWordCode(text, end + 1)) return false;
    if ((next === 46 || next === 44) && end + 1 < text.length && isDigitCode(text.charCodeAt(end + 1))) return false;
    if (isAmountChar(text, end)) return false;
    if (end + 1 < text.length && isSpace(next) && isAmountChar(text, end + 1)) return false;
  }
  return true;
}

const MAX_URL_LOOKBACK = 512;

/**
 * True when the candidate sits in the path/query of a URL ("https://x.com/status/1415…",
 * "example.com/p/4155550123"), i.e. the whitespace-delimited token before it contains
 * "://" or "www." or a domain followed by '/'. tel:/sms:/callto: URIs are phone numbers, not paths.
 */
export function isInsideUrl(text: string, start: number): boolean {
  let tokenStart = start;
  const limit = Math.max(0, start - MAX_URL_LOOKBACK);
  while (tokenStart > limit) {
    const code = text.charCodeAt(tokenStart - 1);
    if (code <= 32 || code === 0xa0 || code === 0x3000 || code === 0x2028) break;
    tokenStart--;
  }
  if (tokenStart === start) return false;
  const token = text.slice(tokenStart, start).toLowerCase();
  if (token.indexOf('/') < 0 && token.indexOf('www.') < 0 && token.indexOf('?') < 0) return false;
  if (/(?:^|[^a-z])(?:tel|sms|callto|facetime):[/+]*$/.test(token)) return false;
  if (token.indexOf('://') >= 0 || token.indexOf('www.') >= 0) return true;
  // Scheme-less "example.com/path/…" or "/path?id=…".
  return /[a-z0-9-]\.[a-z]{2,}[/:?]|^\/|[?&][a-z_]*=$/.test(token);
}

/** "ISBN 0-306-40615-2", "ISBN-13: 978-…". */
const ISBN_LABEL = /isbn(?:-?1[03])?[\s:#-]*$/i;

/** Y-M-D with a plausible year/month/day: 2024-01-15, 2024.1.5, 2024/01/15. */
const DATE_YMD = /^(?:19|20)\d\d([-./])(?:0?[1-9]|1[0-2])\1(?:0?[1-9]|[12]\d|3[01])$/;
/** D.M.Y / M/D/Y / D-M-Y with a 2- or 4-digit year: 15.01.2024, 01/15/2024, 1-5-24. */
const DATE_DMY = /^(\d{1,2})([-./])(\d{1,2})\2(?:(?:19|20)\d\d|\d\d)$/;
/**
 * One side of a range: a year, Y-M(-D), or D.M / M/D with an optional year. Day-month parts
 * must use '.' or '/': with '-' they are indistinguishable from "01-23-45-67-89" (a French number).
 */
const DAY_OR_MONTH = '(?:0?[1-9]|[12]\\d|3[01])';
const MONTH = '(?:0?[1-9]|1[0-2])';
const YEAR = '(?:19|20)\\d\\d';
const DATE_PART = `(?:${YEAR}(?:[-./]${MONTH}(?:[-./]${DAY_OR_MONTH})?)?|${DAY_OR_MONTH}[./]${DAY_OR_MONTH}(?:[./](?:${YEAR}|\\d\\d))?)`;
/** "2020-2024", "12/01 - 12/15", "15.01.-20.01.2024" (the trailing dot is outside the candidate). */
const DATE_RANGE = new RegExp(`^${DATE_PART}\\.?\\s*[-\u2010-\u2015~]\\s*${DATE_PART}$`);
/** 192.168.100.200 */
const IPV4 = /^\d{1,3}(?:\.\d{1,3}){3}$/;
/** Dot-only groups, for the version-number rule. */
const DOTTED = /^\d+(?:\.\d+){2,}$/;
/** 94105-1234 */
const ZIP_PLUS_4 = /^\d{5}-\d{4}$/;
/** 123-45-6789 */
const SSN = /^\d{3}-\d{2}-\d{4}$/;
/** 978-3-16-148410-0 (also with spaces). */
const ISBN_13 = /^97[89][- ]\d{1,5}[- ]\d{1,7}[- ]\d{1,7}[- ]\d$/;
/** 0-306-40615-2: four hyphenated groups ending in a one-digit check digit, 10 digits in all. */
const ISBN_10 = /^\d{1,5}-\d{1,7}-\d{1,7}-\d$/;
/** 4111 1111 1111 1111 / 4111-1111-1111-1111, Amex 3782 822463 10005. */
const CARD = /^(?:\d{4}([ -])\d{4}\1\d{4}\1\d{4}(?:\1\d{1,3})?|3[47]\d\d([ -])\d{6}\2\d{5})$/;

const DATE_OR_ID_SEPARATOR = /[-./~\u2010-\u2015]/;

/** '-', '.', '/': the separators of the date shapes below. */
const isDateSeparator = (code: number) => code === 45 || code === 46 || code === 47;

function isDateLike(shape: string): boolean {
  // Necessary conditions first (a regex call costs more than these): every date shape starts with a
  // year "19xx"/"20xx" or has a separator after its first one or two digits.
  const first = shape.charCodeAt(0);
  const startsWithYear = (first === 49 && shape.charCodeAt(1) === 57) || (first === 50 && shape.charCodeAt(1) === 48);
  const earlySeparator = isDateSeparator(shape.charCodeAt(1)) || isDateSeparator(shape.charCodeAt(2));
  if (!startsWithYear && !earlySeparator) return false;
  if (startsWithYear && DATE_YMD.test(shape)) return true;
  const dmy = earlySeparator ? DATE_DMY.exec(shape) : null;
  if (dmy) {
    const a = Number(dmy[1]);
    const b = Number(dmy[3]);
    if (a >= 1 && b >= 1 && a <= 31 && b <= 31 && (a <= 12 || b <= 12)) return true;
  }
  return DATE_RANGE.test(shape);
}

/** "1.2.3.4567", "10.0.19041.1234": dotted groups with a single-digit group after the first. */
function isVersionLike(shape: string): boolean {
  if (!DOTTED.test(shape)) return false;
  // One pass over the groups, without split (IPs and versions are common digit runs).
  const first = shape.indexOf('.');
  let groupStart = first + 1;
  for (let i = groupStart; i <= shape.length; i++) {
    if (i < shape.length && shape.charCodeAt(i) !== 46) continue;
    if (i - groupStart === 1) return true;
    groupStart = i + 1;
  }
  return false;
}

/**
 * Shape rules on the candidate itself (digits already folded to ASCII).
 * `defaultCountry` matters only for ZIP+4: "06221-1234" is a German phone number layout.
 * `info`: readCandidate's answer, when the shape is the candidate itself (ASCII); it spares two searches.
 */
export function hasNonPhoneShape(shape: string, defaultCountry: string | undefined, info?: number): boolean {
  const first = shape.charCodeAt(0);
  // Every shape below starts with a digit; "+…" and "(…" are phone-number notation.
  if (first < 48 || first > 57) return false;
  if (isCountingRun(shape) || isPostalRange(shape)) return true;
  // Without a dash, dot, slash or tilde only the space-grouped card layout can apply. ('~' would be
  // HAS_OTHER, which letters set too: then the regex decides.)
  const plain = info !== undefined && (info & (HAS_NON_ASCII | HAS_OTHER)) === 0;
  const separated = plain ? (info & (HAS_DASH | HAS_DOT | HAS_SLASH)) !== 0 : DATE_OR_ID_SEPARATOR.test(shape);
  if (!separated) return CARD.test(shape);
  if (isDateLike(shape)) return true;
  // Each shape's length or characters are tested before its regex (this runs on every digit run).
  const length = shape.length;
  const dotted = plain ? (info & HAS_DOT) !== 0 : shape.indexOf('.') >= 0;
  if (dotted && (IPV4.test(shape) || isVersionLike(shape))) return true;
  if (length === 11 && SSN.test(shape)) return true;
  if (length >= 17 && CARD.test(shape)) return true;
  if (first === 57 && ISBN_13.test(shape)) return true;
  if (shape.charCodeAt(length - 2) === 45 && ISBN_10.test(shape)) return true;
  if (length === 10 && ZIP_PLUS_4.test(shape) && !(first === 48 && defaultCountry !== 'US')) return true;
  return false;
}

/**
 * "1 2 3 4 5 6 7 8 9 10" (page links): four or more groups counting up by one. No numbering plan writes
 * a number that way, and the digits can happen to form a valid NANPA number.
 */
function isCountingRun(shape: string): boolean {
  // One pass over the characters (no split): this runs on every digit run of every page.
  let run = 0;
  let previous = -2;
  let value = 0;
  let length = 0;
  for (let i = 0; i <= shape.length; i++) {
    const code = i < shape.length ? shape.charCodeAt(i) : -1;
    if (code >= 48 && code <= 57) {
      // Capped: only a group below 1,000 can be followed by its successor of at most 3 digits.
      value = Math.min(value * 10 + (code - 48), 1e6);
      length++;
      continue;
    }
    if (length === 0 && i < shape.length) continue;
    run = length <= 3 && value === previous + 1 ? run + 1 : 1;
    if (run >= 4) return true;
    previous = value;
    value = 0;
    length = 0;
  }
  return false;
}

/** "80901 - 80962": two 5-digit postal codes, ascending, the first not starting with a trunk 0. */
const POSTAL_RANGE = /^([1-9]\d{4})\s*[-\u2010-\u2015]\s*(\d{5})$/;

function isPostalRange(shape: string): boolean {
  // Five digits and then no digit: most digit runs fail here without the regex.
  const fifth = shape.charCodeAt(4);
  const sixth = shape.charCodeAt(5);
  if (shape.length < 11 || !(fifth >= 48 && fifth <= 57) || (sixth >= 48 && sixth <= 57)) return false;
  const m = POSTAL_RANGE.exec(shape);
  return m !== null && Number(m[2]) > Number(m[1]);
}

/**
 * "04.08.2022 10:02": a date then the hour of a time. libphonenumber only knows the Y-M-D form
 * (isValidPreCandidate); this is the day-first form Europe writes, judged on the candidate and the
 * ":MM" after it.
 */
const DATE_THEN_HOUR = /^(.+) ([01]?\d|2[0-3])$/;

export function isDateTime(text: string, shape: string, end: number): boolean {
  if (text.charCodeAt(end) !== 58 || !/^\d\d/.test(text.slice(end + 1, end + 3))) return false;
  const m = DATE_THEN_HOUR.exec(shape);
  return m !== null && isDateLike(m[1] ?? '');
}

const EXTENSION_CHAR = /[^\d\s\-./()+\uFF10-\uFF19]/;

function mayCarryExtension(candidate: string): boolean {
  for (let i = 0; i < candidate.length; i++) {
    const code = candidate.charCodeAt(i);
    if (code >= 128) return EXTENSION_CHAR.test(candidate);
    // Digits, whitespace and - . / ( ) + never start an extension.
    if (
      (code >= 48 && code <= 57) ||
      code === 32 ||
      (code >= 9 && code <= 13) ||
      (code >= 40 && code <= 47 && code !== 42 && code !== 44)
    )
      continue;
    return true;
  }
  return false;
}

/** Number of digits in the candidate, extension excluded. */
export function nationalDigitCount(candidate: string, totalDigits: number): number {
  // Only candidates with a letter, '#', ',' or ';' can carry an extension. Plain ASCII ones are told
  // apart by their codes (cheaper than the regex, which is for the rest).
  if (!mayCarryExtension(candidate)) return totalDigits;
  const ext = TRAILING_EXTENSION.exec(candidate);
  return ext ? totalDigits - countDigits(ext[0]) : totalDigits;
}

/**
 * All of our rules for one (sub)candidate at `start` in `text`. Returns false for anything that
 * must not be offered to the validator.
 */
export function passesCheapRules(
  text: string,
  candidate: string,
  start: number,
  totalDigits: number,
  defaultCountry: string | undefined,
  /** readCandidate's answer for this candidate, when the caller has it: ASCII candidates skip two scans. */
  info?: number,
): boolean {
  const ascii = info !== undefined && (info & HAS_NON_ASCII) === 0;
  const national = ascii && (info & HAS_OTHER) === 0 ? totalDigits : nationalDigitCount(candidate, totalDigits);
  if (national < MIN_DIGITS || national > MAX_DIGITS) return false;
  if (!hasCleanBoundaries(text, start, start + candidate.length)) return false;
  const shape = ascii ? candidate : toAsciiShape(candidate);
  if (hasNonPhoneShape(shape, defaultCountry, ascii ? info : undefined)) return false;
  if (isDateTime(text, shape, start + candidate.length)) return false;
  if (start > 0 && isInsideUrl(text, start)) return false;
  if (start > 3 && isDigitCode(candidate.charCodeAt(0)) && ISBN_LABEL.test(text.slice(Math.max(0, start - 12), start)))
    return false;
  return true;
}
