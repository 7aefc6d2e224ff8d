/**
 * A faster, exactly equivalent route through libphonenumber-js for the commonest candidates: numbers
 * written with "+" and a calling code, or NANPA national numbers, with ASCII digits and plain separators. libphonenumber-js's parse → isPossible → isValid
 * rebuilds every pattern with `new RegExp('^(?:' + pattern + ')$')` on each test and walks the 25 NANPA
 * countries with them, several times per number; that was about half of findPhoneNumbers' time on
 * ordinary text (profiled on tests/bench's corpus). Here the same metadata's patterns are compiled once
 * and the same decisions are taken in the same order:
 *  - the country: the first NANPA country whose leading digits start the number, or (for countries without
 *    leading digits) whose number types match it (libphonenumber-js getCountryByNationalNumber);
 *  - possible: the national number's length is one of that country's possible lengths;
 *  - valid: it matches the country's general pattern and one of its number types (getNumberType).
 * Anything else (letters, extensions, other scripts, IDD prefixes, national numbers outside NANPA, numbers
 * where a national prefix could be stripped, non-geographic codes) is left to libphonenumber-js.
 * fast-validate.test.ts compares both on thousands of generated candidates.
 */
import { type CountryCode, Metadata } from 'libphonenumber-js/core';
import metadataJson from 'libphonenumber-js/max/metadata';

interface TypeRule {
  pattern: RegExp;
  lengths: number[] | undefined;
}

interface Plan {
  country: string;
  leadingDigits: RegExp | null;
  nationalPrefixForParsing: RegExp | null;
  /** The prefix pattern has capturing groups (carrier codes, transform rules): left to libphonenumber-js. */
  prefixCaptures: boolean;
  /** The default country's international dialling prefix ("011", "00"), anchored. */
  idd: RegExp | null;
  general: RegExp;
  possibleLengths: number[] | undefined;
  fixedLine: TypeRule | null;
  /** null when absent; `empty` when present with an empty pattern (a FIXED_LINE_OR_MOBILE country). */
  mobile: TypeRule | 'empty' | null;
  others: TypeRule[];
}

const NON_FIXED_LINE_TYPES = [
  'PREMIUM_RATE',
  'TOLL_FREE',
  'SHARED_COST',
  'VOIP',
  'PERSONAL_NUMBER',
  'PAGER',
  'UAN',
  'VOICEMAIL',
] as const;

type MetadataApi = {
  leadingDigits(): string | undefined;
  nationalNumberPattern(): string;
  possibleLengths(): number[];
  type(t: string): { pattern(): string; possibleLengths(): number[] | undefined } | undefined;
};

const anchored = (pattern: string) => new RegExp(`^(?:${pattern})$`);

const metadata = new Metadata(metadataJson);
const { country_calling_codes: callingCodes, countries } = metadataJson as unknown as {
  country_calling_codes: Record<string, string[]>;
  countries: Record<string, unknown>;
};

function planOf(country: string): Plan {
  metadata.selectNumberingPlan(country as CountryCode);
  const m = metadata as unknown as MetadataApi;
  const rule = (t: string): TypeRule | null => {
    const def = m.type(t);
    if (!def?.pattern()) return null;
    return { pattern: anchored(def.pattern()), lengths: def.possibleLengths() };
  };
  const mobileDef = m.type('MOBILE');
  const leading = m.leadingDigits();
  const prefix = (
    metadata as unknown as { numberingPlan: { nationalPrefixForParsing(): string | undefined } }
  ).numberingPlan.nationalPrefixForParsing();
  const idd = (metadata as unknown as { IDDPrefix(): string | undefined }).IDDPrefix();
  return {
    country,
    leadingDigits: leading ? new RegExp(leading) : null,
    nationalPrefixForParsing: prefix ? new RegExp(`^(?:${prefix})`) : null,
    prefixCaptures: prefix ? new RegExp(`${prefix}|`).exec('')?.length !== 1 : false,
    idd: idd ? new RegExp(`^(?:${idd})`) : null,
    general: anchored(m.nationalNumberPattern()),
    possibleLengths: m.possibleLengths(),
    fixedLine: rule('FIXED_LINE'),
    mobile: mobileDef ? (mobileDef.pattern() === '' ? 'empty' : rule('MOBILE')) : null,
    others: NON_FIXED_LINE_TYPES.map(rule).filter((r): r is TypeRule => r !== null),
  };
}

/** Compiled plans per calling code, in metadata order (the first is the code's main country). */
const plansByCode = new Map<string, Plan[] | null>();

function plansFor(code: string): Plan[] | null {
  let plans = plansByCode.get(code);
  if (plans !== undefined) return plans;
  const countries = callingCodes[code];
  // Non-geographic codes (+800, +808, …) have no country plans: left to libphonenumber-js.
  plans = countries && !countries.includes('001') ? countries.map(planOf) : null;
  plansByCode.set(code, plans);
  return plans;
}

const matches = (rule: TypeRule, n: string) =>
  (!rule.lengths || rule.lengths.includes(n.length)) && rule.pattern.test(n);

/** libphonenumber-js getNumberType: any type at all means valid. */
function hasNumberType(plan: Plan, n: string): boolean {
  if (!plan.general.test(n)) return false;
  if (plan.fixedLine && matches(plan.fixedLine, n)) return true;
  if (plan.mobile && plan.mobile !== 'empty' && matches(plan.mobile, n)) return true;
  return plan.others.some((r) => matches(r, n));
}

const isPossible = (plan: Plan, n: string) => !plan.possibleLengths || plan.possibleLengths.includes(n.length);

/** The E.164 libphonenumber-js (and validate-phone.ts) would give this national number, or null. */
function verdict(code: string, plans: Plan[], national: string): string | null {
  const chosen = countryPlan(plans, national);
  if (!chosen || !isPossible(chosen.plan, national)) return null;
  // A country chosen by its number types has one; testing them again would give the same answer.
  if (!chosen.byType && !hasNumberType(chosen.plan, national)) return null;
  return `+${code}${national}`;
}

/**
 * libphonenumber-js getCountryByCallingCode: the only country of the code, or the first whose leading
 * digits start the number or (without leading digits) whose number types match it; when none does, the
 * code's main plan (the one the parser has selected). `byType` says the number types already matched.
 */
function countryPlan(plans: Plan[], national: string): { plan: Plan; byType: boolean } | null {
  const main = plans[0];
  if (!main) return null;
  if (plans.length === 1) return { plan: main, byType: false };
  for (const plan of plans) {
    if (plan.leadingDigits) {
      if (national.search(plan.leadingDigits) === 0) return { plan, byType: false };
    } else if (hasNumberType(plan, national)) return { plan, byType: true };
  }
  return { plan: main, byType: false };
}

/**
 * libphonenumber-js extractNationalNumber for an international number ("+44 (0)20 …"): the main plan's
 * national prefix is dropped unless the number matched the general pattern only with it, or the rest has
 * a length the chosen country cannot have (checkNumberLength: too short or not a possible length).
 * `undefined` when the prefix rule captures groups (carrier codes, transform rules).
 */
function withoutNationalPrefix(plans: Plan[], national: string): string | undefined {
  const main = plans[0];
  const prefix = main?.nationalPrefixForParsing?.exec(national);
  if (!main || !prefix) return national;
  if (main.prefixCaptures) return undefined;
  const rest = national.slice(prefix[0].length);
  if (rest === national) return national;
  if (main.general.test(national) && !main.general.test(rest)) return national;
  const lengths = countryPlan(plans, rest)?.plan.possibleLengths;
  if (!lengths) return rest;
  const n = rest.length;
  const shortest = lengths[0] ?? 0;
  const longest = lengths[lengths.length - 1] ?? 0;
  const keepsPrefix = n < shortest || (n <= longest && !lengths.includes(n));
  return keepsPrefix ? national : rest;
}

/**
 * `undefined` when the candidate is not one this path handles (ask libphonenumber-js), else the verdict:
 * the E.164 or null for "not a valid number". Handled: "+" and a calling code, or a NANPA default country
 * with a 10-digit number (optionally after the trunk "1"), written with ASCII digits, spaces, '-', '.',
 * '(' and ')' only (ASCII or full-width), where no national prefix could be stripped.
 */
export function fastVerdict(candidate: string, defaultCountry: string | undefined): string | null | undefined {
  let digits = '';
  let plus = false;
  // A plain trailing extension (" ext. 204", " x12") changes neither the E.164 nor the verdict.
  let end = candidate.length;
  const last = candidate.charCodeAt(end - 1);
  if (last >= 48 && last <= 57 && /[xX]/.test(candidate)) {
    const ext = PLAIN_EXTENSION.exec(candidate);
    if (ext) end = ext.index;
  }
  for (let i = 0; i < end; i++) {
    const code = candidate.charCodeAt(i);
    if (code >= 48 && code <= 57) digits += candidate[i];
    // Full-width digits: libphonenumber-js reads them as ASCII.
    else if (code >= 0xff10 && code <= 0xff19) digits += String.fromCharCode(code - 0xfee0);
    else if (code === 43 && i === 0) plus = true;
    else if (!PLAIN_SEPARATOR.has(code)) return undefined;
  }
  let code: string | undefined;
  let national: string;
  let plan: Plan | undefined;
  if (!plus && defaultCountry !== undefined) {
    // "011 44 20 …" from the US, "00 49 30 …" from Germany: the default country's IDD prefix, read as "+".
    const idd = defaultPlan(defaultCountry)?.idd?.exec(digits);
    if (idd && idd[0].length > 0) {
      // libphonenumber-js reads a "0" right after the prefix differently (stripIddPrefix): let it.
      if (digits.charCodeAt(idd[0].length) === 48 || idd[0].length === digits.length) return undefined;
      digits = digits.slice(idd[0].length);
      plus = true;
    }
  }
  if (plus) {
    if (digits.charCodeAt(0) === 48) return undefined;
    for (let i = 1; i <= 3 && code === undefined; i++) if (callingCodes[digits.slice(0, i)]) code = digits.slice(0, i);
    if (code === undefined) return undefined;
    const plans = plansFor(code);
    if (!plans) return undefined;
    const stripped = withoutNationalPrefix(plans, digits.slice(code.length));
    if (stripped === undefined) return undefined;
    national = stripped;
    if (national.length < 2 || national.length > 17) return undefined;
    // validate-phone.ts's own rule after libphonenumber-js: NANPA numbers are 10 digits.
    if (code === '1' && national.length !== 10) return null;
    return verdict(code, plans, national);
  } else {
    if (defaultCountry === undefined || !NANPA.has(defaultCountry)) return undefined;
    const first = digits.charCodeAt(0);
    if (first >= 50) national = digits;
    // A trunk "1" before a 10-digit number; other runs starting with 0 or 1 may hold an IDD ("011 44 …").
    else if (digits.length === 11 && first === 49 && digits.charCodeAt(1) >= 50) national = digits.slice(1);
    else return undefined;
    code = '1';
    plan = plansFor('1')?.find((p) => p.country === defaultCountry);
  }
  if (national.length < 2 || national.length > 17 || !plan) return undefined;
  // libphonenumber-js would try to strip a national prefix or carrier code here: let it.
  if (plan.nationalPrefixForParsing?.test(national)) return undefined;
  // validate-phone.ts's own rule after libphonenumber-js: NANPA numbers are 10 digits.
  if (code === '1' && national.length !== 10) return null;
  const plans = plansFor(code);
  return plans ? verdict(code, plans, national) : undefined;
}

const NANPA = new Set(callingCodes['1'] ?? []);

/** The default country's own plan (for its IDD prefix), compiled on first use. */
const defaultPlans = new Map<string, Plan | null>();
function defaultPlan(country: string): Plan | null {
  let plan = defaultPlans.get(country);
  if (plan === undefined) {
    plan = countries[country] ? planOf(country) : null;
    defaultPlans.set(country, plan);
  }
  return plan;
}

/** " ext. 204", " ext 204", " x204", " x 204" at the end (ASCII, lower case, 1–9 digits). */
const PLAIN_EXTENSION = / (?:ext\.? ?|x ?)\d{1,9}$/;

/** Space, '-', '.', '(', ')' and their full-width forms: punctuation libphonenumber-js simply drops. */
const PLAIN_SEPARATOR = new Set([32, 45, 46, 40, 41, 0xff0d, 0xff0e, 0xff08, 0xff09, 0x3000]);
