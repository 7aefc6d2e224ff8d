/**
 * Throughput of lib/detect's findPhoneNumbers against libphonenumber-js's own
 * findPhoneNumbersInText on the same generated text, plus a check that both give the
 * same answers, each side at its best over several fresh processes. Run: npx tsx tests/bench/detect-throughput.ts
 *
 * "MB" here is 1,048,576 UTF-16 code units of text (the corpus is almost all ASCII).
 */

import { execFileSync } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { findPhoneNumbersInText, isValidPhoneNumber } from 'libphonenumber-js/max';
import { findPhoneNumbers } from '../../lib/detect/find-phone-numbers';
import { clearPhoneValidationCache, setPhoneValidationCacheSize } from '../../lib/detect/validate-phone';

const MB = 1024 * 1024;
const DEFAULT_COUNTRY = 'US';

/** mulberry32: tiny, fast, deterministic across platforms (tests reuse it for reproducible random input). */
export function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Random = () => number;

const pick = <T>(random: Random, items: readonly T[]): T => {
  const item = items[Math.floor(random() * items.length)];
  if (item === undefined) throw new Error('pick from empty list');
  return item;
};
const int = (random: Random, min: number, max: number): number => min + Math.floor(random() * (max - min + 1));
const digits = (random: Random, count: number): string => {
  let out = '';
  for (let i = 0; i < count; i++) out += String(int(random, 0, 9));
  return out;
};
const hex = (random: Random, count: number): string => {
  let out = '';
  for (let i = 0; i < count; i++) out += '0123456789abcdef'.charAt(int(random, 0, 15));
  return out;
};
const base62 = (random: Random, count: number): string => {
  const alphabet = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
  let out = '';
  for (let i = 0; i < count; i++) out += alphabet.charAt(int(random, 0, 61));
  return out;
};

const WORDS =
  'the a our your this that team account customer meeting follow up next week please call reach office support sales about pricing renewal contract update quarter review shipping order invoice delivery question schedule demo thanks regards best note details project timeline budget approval manager client partner email message tomorrow today afternoon morning available'.split(
    ' ',
  );
const NAMES = ['Maria', 'John', 'Priya', 'Lukas', 'Chloé', 'Aiden', 'Sofia', 'Noah', 'Emma', 'Jan', 'Olivia', 'Mateo'];

function prose(random: Random, words: number): string {
  const out: string[] = [];
  for (let i = 0; i < words; i++) out.push(pick(random, WORDS));
  const sentence = out.join(' ');
  return `${sentence.charAt(0).toUpperCase()}${sentence.slice(1)}.`;
}

/** US area codes that exist, and exchanges/lines drawn at random until the number is valid. */
const US_AREAS = ['212', '213', '305', '312', '404', '415', '503', '512', '617', '646', '702', '713', '808', '206'];

interface PhoneForm {
  /** Digits to fill "#" placeholders, then checked with isValidPhoneNumber. */
  template: (random: Random) => string;
}

const fill = (random: Random, template: string): string => template.replace(/#/g, () => String(int(random, 0, 9)));
const toFullWidth = (value: string): string =>
  value.replace(/[0-9()-]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));

const PHONE_FORMS: readonly PhoneForm[] = [
  // United States, national.
  { template: (r) => `(${pick(r, US_AREAS)}) ${int(r, 2, 9)}##-####` },
  { template: (r) => `${pick(r, US_AREAS)}-${int(r, 2, 9)}##-####` },
  { template: (r) => `${pick(r, US_AREAS)}.${int(r, 2, 9)}##.####` },
  { template: (r) => `${pick(r, US_AREAS)} ${int(r, 2, 9)}## ####` },
  { template: (r) => `1-${pick(r, US_AREAS)}-${int(r, 2, 9)}##-####` },
  { template: (r) => `${pick(r, US_AREAS)}${int(r, 2, 9)}######` },
  { template: (r) => `(${pick(r, US_AREAS)}) ${int(r, 2, 9)}##-#### ext. ${int(r, 10, 999)}` },
  { template: (r) => `${pick(r, US_AREAS)}-${int(r, 2, 9)}##-#### x${int(r, 10, 99)}` },
  { template: (r) => toFullWidth(`${pick(r, US_AREAS)}-${int(r, 2, 9)}##-####`) },
  // United States, international.
  { template: (r) => `+1 ${pick(r, US_AREAS)} ${int(r, 2, 9)}## ####` },
  { template: (r) => `+1-${pick(r, US_AREAS)}-${int(r, 2, 9)}##-####` },
  { template: (r) => `+1 (${pick(r, US_AREAS)}) ${int(r, 2, 9)}##-####` },
  { template: (r) => `+1${pick(r, US_AREAS)}${int(r, 2, 9)}######` },
  // United Kingdom.
  { template: () => '+44 20 7### ####' },
  { template: () => '+44 7### ######' },
  { template: () => '+44 (0)161 ### ####' },
  { template: () => '011 44 20 7### ####' },
  // Germany.
  { template: () => '+49 30 ########' },
  { template: () => '+49 89 #######' },
  { template: () => '+49 151 ########' },
  // France.
  { template: (r) => `+33 ${int(r, 1, 5)} ## ## ## ##` },
  { template: (r) => `+33 ${pick(r, ['6', '7'])} ## ## ## ##` },
  // Australia.
  { template: (r) => `+61 ${pick(r, ['2', '3', '7', '8'])} #### ####` },
  { template: () => '+61 4## ### ###' },
  // Netherlands.
  { template: () => '+31 20 ### ####' },
  { template: () => '+31 6 ########' },
];

function phoneNumber(random: Random): string {
  const form = pick(random, PHONE_FORMS);
  for (;;) {
    const candidate = fill(random, form.template(random));
    if (isValidPhoneNumber(candidate, DEFAULT_COUNTRY)) return candidate;
  }
}

const PHONE_SENTENCES: readonly ((p: string, name: string) => string)[] = [
  (p) => `Call us at ${p}.`,
  (p, n) => `You can reach ${n} on ${p} during office hours.`,
  (p) => `Phone: ${p}`,
  (p, n) => `${n}'s mobile is ${p}, text anytime.`,
  (p) => `For support, dial ${p} and ask for the billing team.`,
  (p) => `Tel. ${p} / Email: hello@example.com`,
  (p, n) => `(Direct line for ${n}: ${p})`,
  (p) => `Questions? ${p}`,
  (p) => `"Please call me back at ${p}," she wrote.`,
  // Only international numbers without extension are written as tel: URIs.
  (p) => (/^\+[\d -]+$/.test(p) ? `tel:${p.replace(/[ -]/g, '')}` : `Call ${p}.`),
];

const month = (r: Random) => String(int(r, 1, 12)).padStart(2, '0');
const day = (r: Random) => String(int(r, 1, 28)).padStart(2, '0');
const year = (r: Random) => String(int(r, 2015, 2026));

/** Things with digits that are not phone numbers. All of them are real-world shapes. */
const NOISE_SENTENCES: readonly ((r: Random) => string)[] = [
  (r) =>
    `The meeting moved to ${year(r)}-${month(r)}-${day(r)} at ${int(r, 8, 17)}:${pick(r, ['00', '15', '30', '45'])}.`,
  (r) => `Invoice dated ${month(r)}/${day(r)}/${year(r)} is due in ${int(r, 7, 60)} days.`,
  (r) => `Lieferung am ${day(r)}.${month(r)}.${year(r)} bestätigt.`,
  (r) => `Contract term ${int(r, 2015, 2020)}-${int(r, 2021, 2026)}, renewal pending.`,
  (r) => `Office closed ${month(r)}/${day(r)} - ${month(r)}/${day(r)} for the holidays.`,
  (r) => `Total due: $${int(r, 1, 999)},${digits(r, 3)},${digits(r, 3)}.${digits(r, 2)} including tax.`,
  (r) => `Price per seat is $${int(r, 5, 99)}.${digits(r, 2)} per month.`,
  (r) => `Angebot: €${int(r, 10, 99)} ${digits(r, 3)} netto.`,
  (r) => `Conversion improved by ${int(r, 1, 60)}.${int(r, 0, 9)}% this quarter.`,
  (r) => `Server 10.${int(r, 0, 255)}.${int(r, 0, 255)}.${int(r, 1, 254)} returned an error.`,
  (r) => `Request from ${int(r, 11, 223)}.${int(r, 0, 255)}.${int(r, 0, 255)}.${int(r, 1, 254)} was blocked.`,
  (r) => `Gateway 192.168.${int(r, 0, 255)}.${int(r, 1, 254)} is unreachable.`,
  (r) => `Node 172.${int(r, 16, 31)}.${int(r, 0, 255)}.${int(r, 1, 254)} rejoined the cluster.`,
  (r) => `Upgrade to version ${int(r, 1, 9)}.${int(r, 0, 9)}.${int(r, 0, 9)}.${digits(r, 4)} before Friday.`,
  (r) => `Order #A${digits(r, 11)} has shipped.`,
  (r) => `Ticket ORD-${digits(r, 5)} was closed.`,
  (r) => `Request id ${hex(r, 8)}-${hex(r, 4)}-4${hex(r, 3)}-a${hex(r, 3)}-${hex(r, 12)} logged.`,
  (r) => `See https://x.com/acme/status/1${digits(r, 18)} for the announcement.`,
  (r) => `Docs: https://example.com/docs/${int(r, 100, 999)}/setup?ref=mail&page=${int(r, 1, 40)}`,
  (r) => `Lead https://app.close.com/lead/lead_${base62(r, 43)}/ was updated.`,
  (r) => `Ship to 100 Main St, San Francisco, CA 94105-${digits(r, 4)}.`,
  (r) => `Reference ISBN 978-3-16-${digits(r, 6)}-${int(r, 0, 9)} in the appendix.`,
  () => `Test card 4111 1111 1111 1111 works in sandbox mode.`,
  (r) => `Page ${int(r, 1, 40)} of ${int(r, 41, 90)}, ${int(r, 2, 12)} items selected.`,
  (r) => `Uptime ${int(r, 90, 99)}.${digits(r, 2)}% over ${int(r, 2, 30)} days.`,
];

/**
 * A noise sentence that libphonenumber-js alone does not misread as a phone number. About 1% of
 * public IPv4 addresses, dates like "13.10.2020" and versions like "3.1.0.6874" parse as valid
 * numbers (Canada's "310-xxxx" UANs); findPhoneNumbers rejects those (see the unit tests), so
 * keeping them would only measure the library's false positives, not agreement on real numbers.
 */
function noiseSentence(random: Random): string {
  for (let attempt = 0; attempt < 20; attempt++) {
    const sentence = pick(random, NOISE_SENTENCES)(random);
    if (findPhoneNumbersInText(sentence, { defaultCountry: DEFAULT_COUNTRY }).length === 0) return sentence;
  }
  return prose(random, 8);
}

/**
 * Deterministic, realistic text: prose with dates, prices, percentages, IPs, order ids,
 * UUIDs and URLs, and a valid phone number (US national & international, GB, DE, FR, AU,
 * NL) about every 300 characters. Every non-phone item is separated from numbers by words,
 * as in real text (libphonenumber merges space-separated digit runs into one candidate).
 *
 * The text is a series of "pages" (3–12 kB, like an email thread or a CRM record) and each
 * page mentions a small cast of 2–8 numbers, each written the same way each time — pages
 * repeat a contact's number in signatures, headers and activity entries. Every page draws
 * its cast afresh, so the validation cache only helps within a page.
 */
export function generateCorpus(bytes: number, seed: number): string {
  const random = createRandom(seed);
  const parts: string[] = [];
  let length = 0;
  const push = (piece: string): boolean => {
    const separator = random() < 0.15 ? '\n\n' : ' ';
    if (length + piece.length + separator.length > bytes) return false;
    parts.push(piece, separator);
    length += piece.length + separator.length;
    return true;
  };
  let room = true;
  while (room && length < bytes) {
    const cast = Array.from({ length: int(random, 2, 8) }, () => phoneNumber(random));
    const pageEnd = length + int(random, 3000, 12000);
    let sincePhone = 0;
    let nextPhoneAt = int(random, 220, 380);
    while (room && length < pageEnd) {
      let piece: string;
      if (sincePhone >= nextPhoneAt) {
        piece = pick(random, PHONE_SENTENCES)(pick(random, cast), pick(random, NAMES));
        sincePhone = 0;
        nextPhoneAt = int(random, 220, 380);
      } else if (random() < 0.45) {
        piece = noiseSentence(random);
      } else {
        piece = prose(random, int(random, 6, 18));
      }
      room = push(piece);
      sincePhone += piece.length + 1;
    }
    room = room && push('\n\n—\n\n');
  }
  let text = parts.join('');
  // Pad to the exact size with a letters-only tail.
  while (text.length < bytes) text += 'x';
  return text;
}

interface Answer {
  start: number;
  end: number;
  e164: string;
}

const key = (a: Answer) => `${a.start}:${a.end}:${a.e164}`;

function ours(text: string): Answer[] {
  return findPhoneNumbers(text, { defaultCountry: DEFAULT_COUNTRY }).map(({ start, end, e164 }) => ({
    start,
    end,
    e164,
  }));
}

function library(text: string): Answer[] {
  return findPhoneNumbersInText(text, { defaultCountry: DEFAULT_COUNTRY }).map((m) => ({
    start: m.startsAt,
    end: m.endsAt,
    e164: m.number.number,
  }));
}

export interface AnswerDifference {
  kind: 'only-ours' | 'only-library';
  start: number;
  end: number;
  e164: string;
  context: string;
}

/** Matches reported by one side only, in text order. */
export function compareAnswers(text: string, mine: Answer[], theirs: Answer[]): AnswerDifference[] {
  const mineKeys = new Set(mine.map(key));
  const theirKeys = new Set(theirs.map(key));
  const describe = (kind: AnswerDifference['kind'], a: Answer): AnswerDifference => ({
    kind,
    ...a,
    context: text.slice(Math.max(0, a.start - 30), a.end + 30),
  });
  return [
    ...mine.filter((a) => !theirKeys.has(key(a))).map((a) => describe('only-ours', a)),
    ...theirs.filter((a) => !mineKeys.has(key(a))).map((a) => describe('only-library', a)),
  ].sort((a, b) => a.start - b.start);
}

/** Wall time of one run in ms; our validation cache is cleared first so runs cannot feed each other. */
function timeOnce(fn: () => unknown): number {
  clearPhoneValidationCache();
  const started = performance.now();
  fn();
  return performance.now() - started;
}

export interface DetectBenchResult {
  /** findPhoneNumbers throughput, MB/s (1 MB = 1,048,576 UTF-16 code units). */
  oursMBs: number;
  /** findPhoneNumbersInText(text, { defaultCountry: 'US' }) throughput, MB/s. */
  libMBs: number;
  ratio: number;
  /** Same set of {start, end, e164} from both. */
  identical: boolean;
  matches: number;
  /** findPhoneNumbers with its validation cache turned off (every candidate parsed afresh). */
  oursUncachedMBs: number;
  differences: AnswerDifference[];
}

/** One process's figures: the lowest wall time of each side, in ms. */
interface ProcessTimes {
  oursMs: number;
  libMs: number;
  uncachedMs: number;
  matches: number;
  differences: AnswerDifference[];
  megabytes: number;
}

/** Both sides measured in this process, interleaved, each at its lowest. */
function measureInThisProcess(): ProcessTimes {
  const text = generateCorpus(MB, 20240115);

  // Warm up both (JIT, metadata, regex compilation) on different text.
  const warm = generateCorpus(128 * 1024, 7);
  for (let i = 0; i < 3; i++) ours(warm);
  library(warm);

  const mine = ours(text);
  const theirs = library(text);
  const differences = compareAnswers(text, mine, theirs);

  // Interleaved rounds, best of each: the machine is shared, so load spikes hit both sides alike.
  let oursMs = Number.POSITIVE_INFINITY;
  let libMs = Number.POSITIVE_INFINITY;
  let uncachedMs = Number.POSITIVE_INFINITY;
  for (let round = 0; round < 3; round++) {
    libMs = Math.min(
      libMs,
      timeOnce(() => library(text)),
    );
    for (let i = 0; i < 5; i++)
      oursMs = Math.min(
        oursMs,
        timeOnce(() => ours(text)),
      );
    const previous = setPhoneValidationCacheSize(0);
    for (let i = 0; i < 2; i++)
      uncachedMs = Math.min(
        uncachedMs,
        timeOnce(() => ours(text)),
      );
    setPhoneValidationCacheSize(previous);
  }
  return { oursMs, libMs, uncachedMs, matches: mine.length, differences, megabytes: text.length / MB };
}

/**
 * Fresh processes, because on this machine a process's speed is set when it starts: the same bare regex
 * over the same 1 MB runs at 5 ms in one process and 10 ms in the next, for the whole life of each (and
 * both sides with it), while a plain integer loop does not vary. Each side keeps its lowest time over all
 * processes, as the browser figures keep their lowest round.
 */
const PROCESSES = 5;

export async function runDetectBench(): Promise<DetectBenchResult> {
  const runs: ProcessTimes[] = [];
  for (let i = 0; i < PROCESSES; i++) {
    const out = execFileSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), '--json'], {
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    runs.push(JSON.parse(out) as ProcessTimes);
  }
  const lowest = (pick: (r: ProcessTimes) => number) => Math.min(...runs.map(pick));
  const first = runs[0];
  if (!first) throw new Error('no throughput figures');
  const megabytes = first.megabytes;
  const oursMBs = megabytes / (lowest((r) => r.oursMs) / 1000);
  const libMBs = megabytes / (lowest((r) => r.libMs) / 1000);
  return {
    oursMBs,
    libMBs,
    ratio: oursMBs / libMBs,
    identical: runs.every((r) => r.differences.length === 0),
    matches: first.matches,
    oursUncachedMBs: megabytes / (lowest((r) => r.uncachedMs) / 1000),
    differences: first.differences,
  };
}

const entry = process.argv[1];
const isMain = entry !== undefined && import.meta.url === pathToFileURL(entry).href;

if (isMain && process.argv.includes('--json')) {
  process.stdout.write(JSON.stringify(measureInThisProcess()));
} else if (isMain) {
  const result = await runDetectBench();
  const row = (label: string, value: string) => `${label.padEnd(34)}${value}`;
  console.log(row('findPhoneNumbers (ours)', `${result.oursMBs.toFixed(2)} MB/s`));
  console.log(row('findPhoneNumbersInText (library)', `${result.libMBs.toFixed(2)} MB/s`));
  console.log(row('ratio', `${result.ratio.toFixed(1)}×`));
  console.log(row('matches', String(result.matches)));
  console.log(row('identical answers', result.identical ? 'yes' : `NO (${result.differences.length} differences)`));
  console.log(
    row(
      'ours without validation cache',
      `${result.oursUncachedMBs.toFixed(2)} MB/s (${(result.oursUncachedMBs / result.libMBs).toFixed(1)}×)`,
    ),
  );
  for (const d of result.differences.slice(0, 10)) {
    console.log(`  ${d.kind} [${d.start},${d.end}) ${d.e164}  …${JSON.stringify(d.context)}…`);
  }
}
