/**
 * The expensive step: ask libphonenumber-js (full "max" metadata, so validity is judged
 * per number type, not just by length) whether a candidate is a valid number. Only
 * candidates that survived the cheap rules in phone-shapes.ts get here.
 */
import {
  type CountryCode,
  isSupportedCountry,
  Metadata,
  type PhoneNumber,
  parseDigits,
  parsePhoneNumberFromString,
} from 'libphonenumber-js/max';
import { fastVerdict } from './fast-validate';

/**
 * Same acceptance as libphonenumber's matcher at its default "VALID" leniency: parse (non-throwing
 * variant of parsePhoneNumber), possible, valid, and any 'x' in the candidate is the extension that was
 * parsed; then our stricter rules. Returns the E.164 form without extension. fastVerdict
 * (fast-validate.ts) gives the same answers faster for plain candidates; fast-validate.test.ts compares.
 */
export function validateByLibrary(candidate: string, defaultCountry: CountryCode | undefined): string | null {
  const phone = parsePhoneNumberFromString(candidate, { defaultCountry });
  if (!phone?.isPossible() || !phone.isValid()) return null;
  if (!xCharsAreExtension(phone, candidate)) return null;
  // NANPA numbers are 10 digits; the metadata also accepts Canada's 7-digit "310-xxxx" UANs,
  // which in running text are far more often dates ("13.10.2020") or versions ("3.1.0.6874").
  if (phone.countryCallingCode === '1' && phone.nationalNumber.length !== 10) return null;
  if (omitsTrunkZero(phone, candidate)) return null;
  return phone.number;
}

/**
 * Stricter than libphonenumber: in countries that dial a trunk "0" before the area code
 * (GB, DE, FR, AU, NL, …) a national number written without it — "666-7777" or "946 0958"
 * with DE as default — is a local number without area code, not a number we can dial.
 * NANPA (+1) is skipped: its trunk prefix "1" is optional and never formatted.
 */
function omitsTrunkZero(phone: PhoneNumber, candidate: string): boolean {
  if (phone.countryCallingCode === '1' || /[+\uFF0B]/.test(candidate)) return false;
  // Only when every written digit is the national number: no country code, IDD or prefix.
  if (parseDigits(candidate) !== phone.nationalNumber + (phone.ext ?? '')) return false;
  const national = parseDigits(phone.format('NATIONAL', { formatExtension: (number) => number }));
  if (national !== `0${phone.nationalNumber}`) return false;
  // Google's matcher (isNationalPrefixPresentIfRequired) lets the prefix go where the metadata marks it
  // optional when formatting: Indian mobiles are written "98765 43210" far more often than "098765 43210".
  return !nationalPrefixOptional(phone);
}

interface NumberFormat {
  pattern(): string;
  leadingDigitsPatterns(): string[];
  nationalPrefixIsOptionalWhenFormattingInNationalFormat(): boolean;
}

const formatMetadata = new Metadata();

/** The format libphonenumber-js formats this number with (its chooseFormatForNumber), and its flag. */
function nationalPrefixOptional(phone: PhoneNumber): boolean {
  if (!phone.country) return false;
  formatMetadata.selectNumberingPlan(phone.country);
  const plan = formatMetadata.numberingPlan as unknown as { formats(): NumberFormat[] } | undefined;
  const n = phone.nationalNumber;
  for (const format of plan?.formats() ?? []) {
    const leading = format.leadingDigitsPatterns();
    const last = leading[leading.length - 1];
    if (last !== undefined && n.search(last) !== 0) continue;
    if (new RegExp(`^(?:${format.pattern()})$`).test(n)) {
      return format.nationalPrefixIsOptionalWhenFormattingInNationalFormat();
    }
  }
  return false;
}

/**
 * libphonenumber's containsOnlyValidXChars: a single 'x' must introduce exactly the parsed
 * extension. "xx" (a carrier-code marker) is rejected outright — stricter than the library,
 * which would re-parse the remainder; such input does not occur in ordinary text.
 */
function xCharsAreExtension(phone: PhoneNumber, candidate: string): boolean {
  for (let i = 0; i < candidate.length - 1; i++) {
    const c = candidate[i];
    if (c !== 'x' && c !== 'X') continue;
    const next = candidate[i + 1];
    if (next === 'x' || next === 'X') return false;
    const ext = parseDigits(candidate.substring(i));
    if (ext ? phone.ext !== ext : Boolean(phone.ext)) return false;
  }
  return true;
}

/**
 * Pages repeat the same number (headers, footers, lists) and the content script rescans
 * mutated nodes, so remember recent verdicts. Keyed by the exact candidate text and country;
 * the verdict is a pure function of those, so a hit can never differ from a fresh parse.
 *
 * Two generations approximate LRU at the cost of one Map lookup per hit: entries land in
 * `young`; when it fills, it becomes `old` and the previous `old` is dropped; an `old` hit is
 * promoted back to `young`. At most `cacheLimit` entries are held.
 */
const DEFAULT_CACHE_LIMIT = 256;
let cacheLimit = DEFAULT_CACHE_LIMIT;
let young = new Map<string, string | null>();
let old = new Map<string, string | null>();

function remember(key: string, value: string | null): void {
  if (young.size >= cacheLimit / 2) {
    old = young;
    young = new Map();
  }
  young.set(key, value);
}

/** "++44 …", "＋44 …": Google's parser drops every leading plus sign; libphonenumber-js reads only "+". */
const LEADING_PLUSES = /^(?:\+{2,}|[+\uFF0B]*\uFF0B[+\uFF0B]*)/;

/** The country the cache's verdicts are for: a page is read with one default country, so keys need not name it. */
let cacheCountry: string | undefined;

export function validatePhoneCandidate(written: string, defaultCountry: CountryCode | undefined): string | null {
  const candidate =
    written.charCodeAt(0) === 43 || written.charCodeAt(0) === 0xff0b ? written.replace(LEADING_PLUSES, '+') : written;
  if (cacheLimit === 0) return fastVerdict(candidate, defaultCountry) ?? validateByLibrary(candidate, defaultCountry);
  if (defaultCountry !== cacheCountry) {
    clearPhoneValidationCache();
    cacheCountry = defaultCountry;
  }
  // Fast verdicts are remembered too: pages repeat their few numbers, and a lookup by the candidate
  // itself costs less than reading its digits and testing the patterns again.
  const recent = young.get(candidate);
  if (recent !== undefined) return recent;
  const older = old.get(candidate);
  if (older !== undefined) {
    remember(candidate, older);
    return older;
  }
  const result = fastVerdict(candidate, defaultCountry) ?? validateByLibrary(candidate, defaultCountry);
  // The candidate is sliced from the page's text; a key of its own (a flattened copy) keeps the cache
  // from holding that whole text alive.
  remember(` ${candidate}`.slice(1), result);
  return result;
}

/** For benchmarks and tests that must measure/observe uncached validation. */
export function clearPhoneValidationCache(): void {
  young = new Map();
  old = new Map();
}

/** For benchmarks: 0 turns the cache off; returns the previous size. */
export function setPhoneValidationCacheSize(size: number): number {
  const previous = cacheLimit;
  cacheLimit = Math.max(0, Math.floor(size));
  clearPhoneValidationCache();
  return previous;
}

/**
 * Missing → US. Unknown codes fall back to "international numbers only", as libphonenumber does
 * (so a typo never makes national numbers resolve to the wrong country).
 */
export function resolveDefaultCountry(country: string | undefined): CountryCode | undefined {
  if (!country) return 'US';
  const upper = country.toUpperCase();
  return isSupportedCountry(upper) ? upper : undefined;
}
