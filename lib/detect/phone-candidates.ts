/**
 * Candidate extraction for phone-number detection.
 *
 * The patterns here are libphonenumber-js's own `PhoneNumberMatcher` patterns
 * (source/PhoneNumberMatcher.js, findNumbers/*.js, constants.js,
 * helpers/extension/createExtensionPattern.js), copied because the package does not
 * export them. We copy rather than invent so that a candidate's span — and therefore
 * every match's start/end — is what `findPhoneNumbersInText` would report. Two
 * deliberate changes, both for speed: the candidate regex is executed by a hand-written
 * scanner (`scanCandidate`, one table lookup per character), and the digit class is the
 * four scripts the parser understands (ASCII, full-width, Arabic-Indic, Eastern Arabic)
 * rather than every Unicode `Nd` range.
 */

import { lazyRegExp } from './lazy-regexp';

/** A character set as inclusive [from, to] UTF-16 code ranges; one list feeds both regex and table. */
type CharRanges = readonly (readonly [number, number])[];

const single = (char: string): readonly [number, number] => [char.charCodeAt(0), char.charCodeAt(0)];

/** Digits libphonenumber-js can parse (its `VALID_DIGITS`): ASCII, full-width, Arabic-Indic, Eastern Arabic. */
const DIGIT_RANGES: CharRanges = [
  [0x30, 0x39],
  [0xff10, 0xff19],
  [0x0660, 0x0669],
  [0x06f0, 0x06f9],
];

/** `VALID_PUNCTUATION`: dashes, slashes, dots, whitespace, brackets, tildes (with full-width forms). */
const PUNCTUATION_RANGES: CharRanges = [
  // dashes
  single('-'),
  [0x2010, 0x2015],
  [0x2212, 0x2212],
  [0x30fc, 0x30fc],
  [0xff0d, 0xff0d],
  // slashes
  [0xff0f, 0xff0f],
  single('/'),
  // dots
  [0xff0e, 0xff0e],
  single('.'),
  // whitespace (soft hyphen, zero-width space and word joiner included)
  single(' '),
  [0x00a0, 0x00a0],
  [0x00ad, 0x00ad],
  [0x200b, 0x200b],
  [0x2060, 0x2060],
  [0x3000, 0x3000],
  // brackets
  single('('),
  single(')'),
  [0xff08, 0xff09],
  [0xff3b, 0xff3b],
  [0xff3d, 0xff3d],
  single('['),
  single(']'),
  // tildes
  single('~'),
  [0x2053, 0x2053],
  [0x223c, 0x223c],
  [0xff5e, 0xff5e],
];

/** A number may start with an opening bracket or a plus sign; otherwise it starts with a digit. */
const LEAD_RANGES: CharRanges = [
  single('('),
  single('['),
  [0xff08, 0xff08],
  [0xff3b, 0xff3b],
  single('+'),
  [0xff0b, 0xff0b],
];

/**
 * Every character an extension can start with (see extensionPattern): separators, ';', ',', '-',
 * and the first letter of each label in either case ("ext", "x", "int", "anexo", "доб", full-width forms).
 */
const EXTENSION_START_RANGES: CharRanges = [
  ...[';', ',', '-', ' ', '\t', '#', '~', 'e', 'E', 'x', 'X', 'i', 'I', 'a', 'A'].map(single),
  [0x00a0, 0x00a0],
  [0xff03, 0xff03], // ＃
  [0xff5e, 0xff5e], // ～
  [0xff45, 0xff45], // ｅ
  [0xff25, 0xff25], // Ｅ
  [0xff58, 0xff58], // ｘ
  [0xff38, 0xff38], // Ｘ
  [0xff49, 0xff49], // ｉ
  [0xff29, 0xff29], // Ｉ
  [0x0434, 0x0434], // д
  [0x0414, 0x0414], // Д
];

const hex4 = (code: number) => `\\u${code.toString(16).padStart(4, '0')}`;
const classBody = (ranges: CharRanges) =>
  ranges.map(([from, to]) => (from === to ? hex4(from) : `${hex4(from)}-${hex4(to)}`)).join('');

const DIGITS = classBody(DIGIT_RANGES);
const PUNCTUATION = classBody(PUNCTUATION_RANGES);
const LEAD_CLASS = `[${classBody(LEAD_RANGES)}]`;
const OPENING_PARENS = '(\\[\uFF08\uFF3B';
const CLOSING_PARENS = ')\\]\uFF09\uFF3D';

/** Unicode `Z` (separator) characters, as libphonenumber-js spells them. */
const Z = '\u0020\u00A0\u1680\u180E\u2000-\u200A\u2028\u2029\u202F\u205F\u3000';
const pZ = `[${Z}]`;
const PZ = `[^${Z}]`;

/**
 * Extension grammar for matching (createExtensionPattern('matching')):
 * ";ext=123", "ext. 123", "x123", "#123", "- 503#", ",,123", ", 123".
 * Groups are non-capturing: we only need the span, the parser re-reads the extension.
 */
function extensionPattern(): string {
  const digits = (max: number) => `[${DIGITS}]{1,${max}}`;
  const sepBeforeLabel = '[ \u00A0\\t,]*';
  const afterLabel = '[:\\.\uFF0E]?[ \u00A0\\t,-]*';
  const explicitLabels = '(?:e?xt(?:ensi(?:o\u0301?|\u00F3))?n?|\uFF45?\uFF58\uFF54\uFF4E?|\u0434\u043E\u0431|anexo)';
  const ambiguousLabels = '(?:[x\uFF58#\uFF03~\uFF5E]|int|\uFF49\uFF4E\uFF54)';
  const sepNoComma = '[ \u00A0\\t]*';
  return [
    `;ext=${digits(20)}`,
    `${sepBeforeLabel}${explicitLabels}${afterLabel}${digits(20)}#?`,
    `${sepBeforeLabel}${ambiguousLabels}${afterLabel}${digits(9)}#?`,
    `[- ]+${digits(6)}#`,
    `${sepNoComma}(?:,{2}|;)${afterLabel}${digits(15)}#?`,
    `${sepNoComma}(?:,)+${afterLabel}${digits(9)}#?`,
  ].join('|');
}

const EXTENSION = extensionPattern();

/** At most 4 punctuation characters between digit blocks (libphonenumber's `punctuationLimit`). */
const PUNCT_RUN = `[${PUNCTUATION}]{0,4}`;
/** 17 national digits + 3 country-code digits per block. */
const MAX_BLOCK_DIGITS = 20;
/** Blocks after the first (libphonenumber's `blockLimit`). */
const MAX_EXTRA_BLOCKS = 20;
/** Punctuation characters allowed between two blocks. */
const MAX_PUNCT_RUN = 4;
const DIGIT_BLOCK = `[${DIGITS}]{1,${MAX_BLOCK_DIGITS}}`;

/**
 * libphonenumber's `PATTERN`, the specification of a candidate. Greedy on purpose:
 * "12345 415-666-7777" is one candidate, and only if the whole thing fails is an inner number
 * looked for — the order libphonenumber uses, so both agree on which number a digit run is.
 * 'i' because extension labels ("EXT", "X") are case-insensitive. `scanCandidate` below is
 * the fast implementation of this regex; the unit tests check the two agree.
 */
export const CANDIDATE_SOURCE = `(?:${LEAD_CLASS}${PUNCT_RUN}){0,2}${DIGIT_BLOCK}(?:${PUNCT_RUN}${DIGIT_BLOCK}){0,${MAX_EXTRA_BLOCKS}}(?:${EXTENSION})?`;

const IS_DIGIT = 1;
const IS_PUNCT = 2;
const IS_LEAD = 4;
const IS_EXT_START = 8;
/**
 * What readCandidate reports about a character, kept in the same table so the scanner can hand each
 * candidate over already read: '/', an ASCII bracket, another ASCII character that is not a digit,
 * whitespace or - . / + (of the run characters only '~'), any non-ASCII character, '-', '.', and a
 * Unicode separator (Z). The rules that would otherwise search a candidate for these ask the flags.
 */
const IS_SLASH = 16;
const IS_BRACKET = 32;
const IS_OTHER = 64;
const IS_NON_ASCII = 128;
const IS_DASH = 256;
const IS_DOT = 512;
const IS_SPACE = 1024;
const READ_BITS = IS_SLASH | IS_BRACKET | IS_OTHER | IS_NON_ASCII | IS_DASH | IS_DOT | IS_SPACE;

/**
 * Character classes for the scanner: one table lookup per character instead of a regex step. Filled on
 * first use, not at load: the always-on content script loads this module in every frame, and most
 * frames never hold a digit run worth scanning. A `const` binding (not a table swapped in when built):
 * the optimizing compiler then treats the table as a constant, and the 1 MB throughput bench ran 6.4 → 6.2 ms
 * (best of six fresh processes each).
 */
const CHAR_CLASS = new Uint16Array(0x10000);
let charClassBuilt = false;

function buildCharClass(): void {
  const table = CHAR_CLASS;
  const mark = (ranges: CharRanges, bit: number) => {
    for (const [from, to] of ranges) for (let code = from; code <= to; code++) table[code] = (table[code] ?? 0) | bit;
  };
  mark(DIGIT_RANGES, IS_DIGIT);
  mark(PUNCTUATION_RANGES, IS_PUNCT);
  mark(LEAD_RANGES, IS_LEAD);
  mark(EXTENSION_START_RANGES, IS_EXT_START);
  for (let code = 0; code < table.length; code++) {
    if (table[code] !== 0) table[code] = (table[code] ?? 0) | readBits(code);
  }
  charClassBuilt = true;
}

/** Past the end, charCodeAt is NaN and the lookup undefined, which every caller masks to 0. */
const classAt = (text: string, index: number): number => CHAR_CLASS[text.charCodeAt(index)] as number;

/**
 * Everything up to where a candidate can start (a digit or a lead character, the same sets as CHAR_CLASS).
 * A sticky `[^…]*` rather than a global search for `[…]`: irregexp runs the greedy class loop without
 * its per-position search step, and the jumps over the 1 MB throughput corpus took 1.1 ms instead of 1.6.
 */
const SKIP_TO_START = new RegExp(`[^${DIGITS}${classBody(LEAD_RANGES)}]*`, 'y');

/** The extension alternatives, tried only where the digits of a candidate end. */
const EXTENSION_AT = new RegExp(`(?:${EXTENSION})`, 'iy');

/**
 * If `start` holds a lead character, the index of the first digit reachable through
 * `(?:LEAD PUNCT{0,4}){0,2}`, else -1. The lead chain holds no digits, so whichever way
 * the regex would split it, the digits start at the first digit after `start`.
 */
function leadChainEnd(text: string, start: number): number {
  const length = text.length;
  for (let a = 0; a <= MAX_PUNCT_RUN; a++) {
    const x = start + 1 + a;
    if (x >= length || (a > 0 && (classAt(text, x - 1) & IS_PUNCT) === 0)) break;
    const cls = classAt(text, x);
    if (cls & IS_DIGIT) return x;
    if ((cls & IS_LEAD) === 0) continue;
    for (let b = 0; b <= MAX_PUNCT_RUN; b++) {
      const y = x + 1 + b;
      if (y >= length || (b > 0 && (classAt(text, y - 1) & IS_PUNCT) === 0)) break;
      if (classAt(text, y) & IS_DIGIT) return y;
    }
  }
  return -1;
}

const isDigitAt = (text: string, index: number) => (classAt(text, index) & IS_DIGIT) !== 0;

/**
 * Cheap necessary condition for EXTENSION_AT at `index`, so the regex is not run after every
 * number followed by a space. Every alternative begins with optional spaces, tabs or commas
 * and then a label, '#', '~', ';', ':', '.', '-' or a digit.
 */
function mayStartExtension(text: string, index: number): boolean {
  if ((classAt(text, index) & IS_EXT_START) === 0) return false;
  let i = index;
  while (i < text.length) {
    const code = text.charCodeAt(i);
    if (code !== 32 && code !== 0xa0 && code !== 9 && code !== 44) break;
    i++;
  }
  if (i >= text.length) return false;
  if (i === index) return labelMayStart(text, i);
  const code = text.charCodeAt(i);
  return (
    ((classAt(text, i) & IS_EXT_START) !== 0 && labelMayStart(text, i)) ||
    isDigitAt(text, i) ||
    code === 58 || // ':'
    code === 46 || // '.'
    code === 0xff0e // '．'
  );
}

/** ASCII, full-width and Cyrillic capitals to small letters (the extension regex is case-insensitive). */
const toSmall = (code: number) =>
  (code >= 65 && code <= 90) || (code >= 0xff21 && code <= 0xff3a) || (code >= 0x410 && code <= 0x42f)
    ? code + 32
    : code;

/**
 * At a letter, whether one of the extension labels can start here: "e" only as "ex…" ("ext",
 * "extension"), "i" as "in…" ("int"), "a" as "an…" ("anexo"), "д" as "до…" ("доб"), and their
 * full-width forms; "x" and every non-letter always. After a number, " and", " at", " is" and
 * ", email" are far commoner than an extension: the regex ran after a quarter of all digit runs
 * and matched one time in five (tests/bench's corpus).
 */
function labelMayStart(text: string, i: number): boolean {
  const next = toSmall(text.charCodeAt(i + 1));
  switch (toSmall(text.charCodeAt(i))) {
    case 0x65: // e
      return next === 0x78; // x
    case 0x69: // i
    case 0x61: // a
      return next === 0x6e; // n
    case 0xff45: // ｅ
      return next === 0xff58; // ｘ
    case 0xff49: // ｉ
      return next === 0xff4e; // ｎ
    case 0x434: // д
      return next === 0x43e; // о
    default:
      return true;
  }
}

/** A candidate found by scanCandidate; reused between calls to avoid allocation. */
export interface CandidateRun {
  start: number;
  end: number;
  /** readCandidate's answer for [start, end): its digits (extension included) and HAS_* flags. */
  info: number;
}

/** The READ_BITS of the characters the scanner has consumed; a module variable, not an allocation per call. */
let readSoFar = 0;

/** Consumes a block of at most 20 digits at `index`; returns the index after it. */
function digitBlockEnd(text: string, index: number): number {
  const limit = Math.min(text.length, index + MAX_BLOCK_DIGITS);
  let i = index;
  while (i < limit) {
    const cls = classAt(text, i);
    if ((cls & IS_DIGIT) === 0) break;
    readSoFar |= cls;
    i++;
  }
  return i;
}

/**
 * Finds the first candidate at or after `from`: the same span `new RegExp(CANDIDATE_SOURCE, 'gi')`
 * would return with `lastIndex = from`, in a single pass over the characters.
 */
export function scanCandidate(text: string, from: number, run: CandidateRun): boolean {
  if (!charClassBuilt) buildCharClass();
  const length = text.length;
  for (let start = from; start < length; start++) {
    // Jump to the next digit or lead character: irregexp's native loop is several times faster than
    // a table lookup per character in JavaScript, and most text holds neither.
    SKIP_TO_START.lastIndex = start;
    SKIP_TO_START.test(text);
    start = SKIP_TO_START.lastIndex;
    if (start >= length) return false;
    const cls = classAt(text, start);
    let position = start;
    readSoFar = 0;
    if ((cls & IS_DIGIT) === 0) {
      position = leadChainEnd(text, start);
      if (position < 0) continue;
      for (let i = start; i < position; i++) readSoFar |= classAt(text, i);
    }
    const firstDigit = position;
    position = digitBlockEnd(text, position);
    let digits = position - firstDigit;
    for (let block = 0; block < MAX_EXTRA_BLOCKS; block++) {
      // PUNCT{0,4} then a digit: punctuation is never a digit, so the whole run must be ≤ 4 long.
      let next = position;
      let gap = 0;
      while (next < length && next - position < MAX_PUNCT_RUN) {
        const cls = classAt(text, next);
        if ((cls & IS_PUNCT) === 0) break;
        gap |= cls;
        next++;
      }
      if (next >= length || (classAt(text, next) & IS_DIGIT) === 0) break;
      readSoFar |= gap;
      position = digitBlockEnd(text, next);
      digits += position - next;
    }
    let info = digits | ((readSoFar & READ_BITS) << READ_SHIFT);
    if (position < length && mayStartExtension(text, position)) {
      EXTENSION_AT.lastIndex = position;
      const extension = EXTENSION_AT.exec(text);
      if (extension !== null) {
        position += extension[0].length;
        const read = readCandidate(extension[0]);
        info = ((info & DIGIT_COUNT) + (read & DIGIT_COUNT)) | (info & ~DIGIT_COUNT) | (read & ~DIGIT_COUNT);
      }
    }
    run.start = start;
    run.end = position;
    run.info = info;
    return true;
  }
  return false;
}

/** Anchored extension, used to measure the national part of a candidate. */
export const TRAILING_EXTENSION = new RegExp(`(?:${EXTENSION})$`, 'i');

/**
 * "(530) 583-6985 x302/x2303" is two numbers sharing a prefix; keep the first
 * (libphonenumber's parsePreCandidate).
 */
const SECOND_NUMBER_START = /[\\/] *x/;

export function trimSecondNumber(candidate: string): string {
  if (candidate.indexOf('/') < 0 && candidate.indexOf('\\') < 0) return candidate;
  const index = candidate.search(SECOND_NUMBER_START);
  return index >= 0 ? candidate.slice(0, index) : candidate;
}

/** "3/10/2011", "31/10/96": a slash date anywhere in a candidate disqualifies all of it. */
const SLASH_SEPARATED_DATES = /(?:(?:[0-3]?\d\/[01]?\d)|(?:[01]?\d\/[0-3]?\d))\/(?:[12]\d)?\d{2}/;
/** "2012-01-02 08" followed by ":00" is a timestamp. */
const TIME_STAMPS = /[12]\d{3}[-/]?[01]\d[-/]?[0-3]\d +[0-2]\d$/;
const TIME_STAMPS_SUFFIX_LEADING = /^:[0-5]\d/;

/**
 * libphonenumber's isValidPreCandidate: when false, not even an inner number is looked for. `info` is
 * readCandidate's answer for the candidate.
 */
export function isValidPreCandidate(candidate: string, offset: number, text: string, info: number): boolean {
  if ((info & HAS_SLASH) !== 0 && SLASH_SEPARATED_DATES.test(candidate)) return false;
  // The timestamp shape ends in " HH": test the space first, the regex only then.
  if (candidate.charCodeAt(candidate.length - 3) === 32 && TIME_STAMPS.test(candidate)) {
    const end = offset + candidate.length;
    if (TIME_STAMPS_SUFFIX_LEADING.test(text.slice(end, end + 3))) return false;
  }
  return true;
}

const NON_PARENS = `[^${OPENING_PARENS}${CLOSING_PARENS}]`;
/**
 * Brackets must pair up (a leading one may stay open, a closing one may come first),
 * at most 4 pairs. Rejects "(415) 666) 7777" shapes.
 */
const MATCHING_BRACKETS_ENTIRE = new RegExp(
  `^(?:[${OPENING_PARENS}])?(?:${NON_PARENS}+[${CLOSING_PARENS}])?${NON_PARENS}+(?:[${OPENING_PARENS}]${NON_PARENS}+[${CLOSING_PARENS}]){0,3}${NON_PARENS}*$`,
);
const BRACKET_CHAR = /[()[\]\uFF08\uFF09\uFF3B\uFF3D]/;

/** "12(3): 211-227 (2003)" is a citation, not a number. */
const PUB_PAGES = /\d{1,5}-+\d{1,5}\s{0,4}\(\d{1,4}/;

/** The formatting half of libphonenumber's isValidCandidate (the neighbour half is in phone-shapes). */
export function hasValidFormatting(candidate: string): boolean {
  if (!BRACKET_CHAR.test(candidate)) return true;
  if (!MATCHING_BRACKETS_ENTIRE.test(candidate)) return false;
  // A citation has a '-' and then a '(': "(415) 666-7777" has no '(' after its dash, so no regex.
  const dash = candidate.indexOf('-');
  return dash < 0 || candidate.indexOf('(', dash) < 0 || !PUB_PAGES.test(candidate);
}

/**
 * Ways to split a candidate that failed as a whole, most specific first
 * (libphonenumber's INNER_MATCHES): "651-234-2345/332-445-1234", "(650) 223 3345 (754) 223 3321",
 * "12345 - 332-445-1234", wide dashes, "12345. 332-445-1234", and finally plain spaces.
 * `mayApply` is a cheap necessary condition so most failed candidates (dates, IDs) never run
 * the regexes at all.
 */
const WIDE_DASHES = /[\u2012-\u2015\uFF0D]/;
const isZ = (code: number) =>
  code === 0x20 ||
  code === 0xa0 ||
  code === 0x1680 ||
  code === 0x180e ||
  (code >= 0x2000 && code <= 0x200a) ||
  code === 0x2028 ||
  code === 0x2029 ||
  code === 0x202f ||
  code === 0x205f ||
  code === 0x3000;
const isDot = (code: number) => code === 46;
const isOpeningParen = (code: number) => code === 40;

/**
 * Most digits in one part of `s` cut at every character `isCut` is true for. Every inner candidate of
 * the "(", "." and whitespace rules lies within one such part, so when no part holds MIN_DIGITS (7)
 * digits the rule cannot find anything and its regex is not run (dates, IP addresses, card numbers).
 */
function maxPartDigits(s: string, isCut: (code: number) => boolean): number {
  let most = 0;
  let digits = 0;
  for (let i = 0; i < s.length; i++) {
    const code = s.charCodeAt(i);
    if (isCut(code)) digits = 0;
    else if (isDigitCode(code) && ++digits > most) most = digits;
  }
  return most;
}

/** The "/" rule offers what comes before the first slash and everything after it. */
function slashPartsMayHold(s: string): boolean {
  const slash = s.indexOf('/');
  return (
    slash >= 0 &&
    (countDigits(s.slice(0, slash)) >= INNER_MIN_DIGITS || countDigits(s.slice(slash)) >= INNER_MIN_DIGITS)
  );
}

/** The fewest digits accept() takes (phone-shapes.ts MIN_DIGITS; not imported, phone-shapes imports this file). */
const INNER_MIN_DIGITS = 7;

/**
 * Seven digits in a row whose gaps are at most 4 punctuation characters each: what the national part of
 * every candidate that can pass our rules holds (blocks of digits, PUNCT{0,4} between them; an extension
 * is not counted, passesCheapRules takes it off).
 */
const DIGIT_CHAIN = new RegExp(`[${DIGITS}](?:[${PUNCTUATION}]{0,4}[${DIGITS}]){${INNER_MIN_DIGITS - 1}}`);

/**
 * False when no text node of a subtree can hold a phone candidate, judged from the subtree's whole
 * `textContent` (every text node's data, joined without separators), with one native regex. Sound: the
 * chain of a node's candidate is still a chain once the nodes are joined. Joining can only add chains, so
 * this may say true where no node has a candidate (the nodes are then read one by one), never false where
 * one has. (The scanner's spans would not do: joined, the extension of a number in one node can swallow
 * the start of the next.)
 */
export function hasDigitChain(text: string): boolean {
  return DIGIT_CHAIN.test(text);
}

/** `info` is readCandidate's answer for `s`: the flags stand in for searching `s` for each character. */
const INNER_MATCHES: readonly { pattern: RegExp; mayApply: (s: string, info: number) => boolean }[] = [
  { pattern: /\/+(.*)/g, mayApply: (s, info) => (info & HAS_SLASH) !== 0 && slashPartsMayHold(s) },
  {
    pattern: /(\([^(]*)/g,
    mayApply: (s, info) =>
      (info & HAS_BRACKET) !== 0 && s.indexOf('(') >= 0 && maxPartDigits(s, isOpeningParen) >= INNER_MIN_DIGITS,
  },
  {
    pattern: new RegExp(`(?:${pZ}-|-${pZ})${pZ}*(.+)`, 'g'),
    mayApply: (_, info) => (info & HAS_DASH) !== 0 && (info & HAS_SPACE) !== 0,
  },
  {
    pattern: new RegExp(`[\u2012-\u2015\uFF0D]${pZ}*(.+)`, 'g'),
    mayApply: (s, info) => (info & HAS_NON_ASCII) !== 0 && WIDE_DASHES.test(s),
  },
  {
    pattern: new RegExp(`\\.+${pZ}*([^.]+)`, 'g'),
    mayApply: (s, info) => (info & HAS_DOT) !== 0 && maxPartDigits(s, isDot) >= INNER_MIN_DIGITS,
  },
  {
    pattern: new RegExp(`${pZ}+(${PZ}+)`, 'g'),
    mayApply: (s, info) => (info & HAS_SPACE) !== 0 && maxPartDigits(s, isZ) >= INNER_MIN_DIGITS,
  },
];

/** Trailing characters that cannot end a number ('#' stays: it may close an extension). */
const unwantedEndChars = lazyRegExp(String.raw`[^\p{N}\p{L}#]+$`, 'u');

function trimUnwantedEnd(value: string): string {
  if (value.length === 0) return value;
  // Fast path: pieces nearly always end in an ASCII digit or letter.
  const last = value.charCodeAt(value.length - 1);
  if ((last >= 48 && last <= 57) || ((last | 32) >= 97 && (last | 32) <= 122)) return value;
  const index = value.search(unwantedEndChars());
  return index >= 0 ? value.slice(0, index) : value;
}

/**
 * Tries the inner candidates of a failed candidate in libphonenumber's order (including its
 * `indexOf` offset approximation) and returns the first one `accept` takes, so the number
 * found is the one libphonenumber would return.
 */
export function findInnerMatch<T>(
  substring: string,
  offset: number,
  accept: (candidate: string, offset: number) => T | null,
  /** readCandidate's answer for `substring`. */
  info: number,
): T | null {
  for (const { pattern, mayApply } of INNER_MATCHES) {
    if (!mayApply(substring, info)) continue;
    pattern.lastIndex = 0;
    let first = true;
    for (let match = pattern.exec(substring); match !== null; match = pattern.exec(substring)) {
      if (first) {
        first = false;
        const found = accept(trimUnwantedEnd(substring.slice(0, match.index)), offset);
        if (found !== null) return found;
      }
      const candidate = trimUnwantedEnd(match[1] ?? '');
      const found = accept(candidate, offset + substring.indexOf(candidate, match.index));
      if (found !== null) return found;
    }
  }
  return null;
}

/**
 * readCandidate's answer: the digit count in the low 12 bits (a candidate is a few hundred characters at
 * most), the HAS_* flags above it. The flags are the character table's READ_BITS shifted, so the
 * scanner can collect them as it goes.
 */
const READ_SHIFT = 12;
export const DIGIT_COUNT = (1 << READ_SHIFT) - 1;
export const HAS_SLASH = IS_SLASH << READ_SHIFT;
export const HAS_BRACKET = IS_BRACKET << READ_SHIFT;
/** An ASCII character other than digits, whitespace and - . / ( ) [ ] +: it may start an extension. */
export const HAS_OTHER = IS_OTHER << READ_SHIFT;
export const HAS_NON_ASCII = IS_NON_ASCII << READ_SHIFT;
/** An ASCII '-'. */
export const HAS_DASH = IS_DASH << READ_SHIFT;
/** An ASCII '.'. */
export const HAS_DOT = IS_DOT << READ_SHIFT;
/** A Unicode separator (Z): ' ', no-break space, ideographic space, … */
export const HAS_SPACE = IS_SPACE << READ_SHIFT;

/** READ_BITS for one character (digits, '+' and the ASCII control whitespace have none). */
function readBits(code: number): number {
  if (code >= 128) return isZ(code) ? IS_NON_ASCII | IS_SPACE : IS_NON_ASCII;
  if (code === 47) return IS_SLASH;
  if (code === 45) return IS_DASH;
  if (code === 46) return IS_DOT;
  if (code === 32) return IS_SPACE;
  if (code === 40 || code === 41 || code === 91 || code === 93) return IS_BRACKET;
  if (
    (code >= 48 && code <= 57) ||
    code === 32 ||
    (code >= 9 && code <= 13) ||
    code === 45 ||
    code === 46 ||
    code === 43
  )
    return 0;
  return IS_OTHER;
}

/**
 * One pass over a candidate for what every rule asks first: its digit count (DIGIT_COUNT bits) and which
 * kinds of characters it holds (HAS_* flags), so ASCII candidates skip the regexes those answers stand
 * for. Non-ASCII ones (full-width, other scripts) set HAS_NON_ASCII and are judged by the regexes.
 * scanCandidate gives the same answer for the candidates it finds without this second pass.
 */
export function readCandidate(value: string): number {
  let digits = 0;
  let flags = 0;
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code >= 48 && code <= 57) digits++;
    else {
      flags |= readBits(code);
      if (code >= 128 && isDigitCode(code)) digits++;
    }
  }
  return digits | (flags << READ_SHIFT);
}

/** Number of parseable digits in `value` (ASCII, full-width, Arabic-Indic, Eastern Arabic). */
export function countDigits(value: string): number {
  let count = 0;
  for (let i = 0; i < value.length; i++) {
    if (isDigitCode(value.charCodeAt(i))) count++;
  }
  return count;
}

export function isDigitCode(code: number): boolean {
  return (
    (code >= 48 && code <= 57) ||
    (code >= 0xff10 && code <= 0xff19) ||
    (code >= 0x0660 && code <= 0x0669) ||
    (code >= 0x06f0 && code <= 0x06f9)
  );
}

/** ASCII value of a parseable digit, or -1. Used to test shapes on full-width text with \d regexes. */
function digitValue(code: number): number {
  if (code >= 48 && code <= 57) return code - 48;
  if (code >= 0xff10 && code <= 0xff19) return code - 0xff10;
  if (code >= 0x0660 && code <= 0x0669) return code - 0x0660;
  if (code >= 0x06f0 && code <= 0x06f9) return code - 0x06f0;
  return -1;
}

/** The candidate with every digit as ASCII and full-width punctuation folded, offsets unchanged (1:1). */
export function toAsciiShape(value: string): string {
  let ascii = true;
  for (let i = 0; i < value.length; i++) {
    if (value.charCodeAt(i) > 127) {
      ascii = false;
      break;
    }
  }
  if (ascii) return value;
  let out = '';
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    const digit = digitValue(code);
    if (digit >= 0) out += String.fromCharCode(48 + digit);
    else if (code >= 0xff01 && code <= 0xff5e) out += String.fromCharCode(code - 0xfee0);
    else out += value[i];
  }
  return out;
}
