import { describe, expect, it } from 'vitest';
import { createRandom } from '../../tests/bench/detect-throughput';
import { hasPhoneCandidate } from './find-candidates';
import {
  CANDIDATE_SOURCE,
  type CandidateRun,
  DIGIT_COUNT,
  HAS_BRACKET,
  HAS_DASH,
  HAS_DOT,
  HAS_NON_ASCII,
  HAS_OTHER,
  HAS_SLASH,
  HAS_SPACE,
  hasDigitChain,
  readCandidate,
  scanCandidate,
} from './phone-candidates';

/** All candidates found by the fast scanner. */
function scanAll(text: string): string[] {
  const out: string[] = [];
  const run: CandidateRun = { start: 0, end: 0, info: 0 };
  let from = 0;
  while (scanCandidate(text, from, run)) {
    out.push(`${run.start}:${text.slice(run.start, run.end)}:${run.info}`);
    from = run.end;
  }
  return out;
}

/** All candidates found by libphonenumber's pattern as a regex (the specification). */
function regexAll(text: string): string[] {
  const pattern = new RegExp(CANDIDATE_SOURCE, 'gi');
  const out: string[] = [];
  for (let m = pattern.exec(text); m !== null; m = pattern.exec(text)) {
    out.push(`${m.index}:${m[0]}:${readCandidate(m[0])}`);
  }
  return out;
}

// Characters that matter to the scanner, weighted towards digits and separators.
const ALPHABET = [
  ...'0123456789'.repeat(4),
  ...'   --..//()[]++',
  '\u00A0',
  '\u2011',
  '\u2013',
  '\uFF08',
  '\uFF09',
  '\uFF0B',
  '\uFF10',
  '\uFF15',
  '\u3000',
  '~',
  '#',
  ',',
  ';',
  ':',
  '\t',
  ...'xXeEtTnNiIaAoO',
  ' and',
  ' at',
  ', email',
  ' int',
  ' anexo',
  'EXT',
  '\uFF45',
  '\uFF25',
  '\uFF49',
  '\uFF2E',
  '\uFF4E',
  '\uFF54',
  '\u0414',
  '\u041E',
  'ext.',
  ';ext=',
  ' x',
  ',,',
  '\uFF58',
  '\u0434\u043E\u0431',
  'é',
  '$',
  '%',
];

describe('scanCandidate', () => {
  it.each(Array.from({ length: 40 }, (_, i) => i + 1))('agrees with the libphonenumber pattern (seed %i)', (seed) => {
    const random = createRandom(seed);
    let text = '';
    for (let i = 0; i < 3000; i++) text += ALPHABET[Math.floor(random() * ALPHABET.length)] ?? '';
    expect(scanAll(text)).toEqual(regexAll(text));
  });

  it.each([
    '(415) 666-7777 ext. 123',
    '+1 (415) 666-7777',
    '((+44)) 20 7946 0958',
    '+ + 1 415',
    '1     2',
    `${'1'.repeat(45)}`,
    `${'1 '.repeat(30)}`,
    '415-666-7777 - 503#',
    '415-666-7777,,12 and 415-666-7777, 24',
    '［０３］１２３４-５６７８ ｅｘｔ１２',
    '415-666-7777 and 415-666-7777 at 9, email 415-666-7777 is 415-666-7777 in 1',
    '415-666-7777 Ext. 12, 415-666-7777 EXTENSION 3, 415-666-7777 xtn 4, 415-666-7777 int 56',
    '415-666-7777 anexo 7, 415-666-7777 ANEXO 8, 415-666-7777 Доб 9, 415-666-7777 ｉｎｔ１, 415-666-7777 Ｅｘｔ２',
    '415-666-7777e 5 415-666-7777ex 6 415-666-7777a 7 415-666-7777i 8',
  ])('agrees on %j', (text) => {
    expect(scanAll(text)).toEqual(regexAll(text));
  });
});

/** What each readCandidate flag stands for, as the regex a rule would otherwise run. */
const FLAG_MEANINGS: readonly [string, number, RegExp][] = [
  ['HAS_SLASH', HAS_SLASH, /\//],
  ['HAS_BRACKET', HAS_BRACKET, /[()[\]]/],
  ['HAS_DASH', HAS_DASH, /-/],
  ['HAS_DOT', HAS_DOT, /\./],
  ['HAS_SPACE', HAS_SPACE, /[\u0020\u00A0\u1680\u180E\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]/],
  ['HAS_NON_ASCII', HAS_NON_ASCII, /[^\0-\x7f]/],
  ['HAS_OTHER', HAS_OTHER, /[^\d\s\-./()[\]+\u0080-\uffff]/],
];

describe('readCandidate', () => {
  it.each(Array.from({ length: 20 }, (_, i) => i + 1))(
    'each flag says whether its characters occur (seed %i)',
    (seed) => {
      const random = createRandom(seed);
      const extra = ['\u1680', '\u2009', '\u202F', '\u3000', '\t', '\n', '\\', '_', '*', ',', '\uFF0F', '\u2212'];
      for (let n = 0; n < 300; n++) {
        let value = '';
        const length = 1 + Math.floor(random() * 12);
        for (let i = 0; i < length; i++) {
          const pool = random() < 0.2 ? extra : ALPHABET;
          value += pool[Math.floor(random() * pool.length)] ?? '';
        }
        const info = readCandidate(value);
        const digits = [...value].filter((c) => /[0-9\uFF10-\uFF19\u0660-\u0669\u06F0-\u06F9]/.test(c)).length;
        expect(info & DIGIT_COUNT, value).toBe(digits);
        for (const [name, flag, pattern] of FLAG_MEANINGS)
          expect([name, (info & flag) !== 0], value).toEqual([name, pattern.test(value)]);
      }
    },
  );
});

describe('hasDigitChain: could any text node of a subtree hold a candidate, from its joined text', () => {
  it.each([
    ['a number', 'Call (415) 666-7777 today', true],
    ['a date with a time', 'Updated 2024-01-15 10:02', true], // 10 digits in one run: the nodes are read
    ['two nodes that join into a run', 'Year 2024' + '555 pages', true],
    ['prose', 'Plain prose without any digits at all.', false],
    ['short runs apart', 'Room 4012, floor 3, since 1998, 24 seats, 120 m²', false],
    ['a time and a year', 'At 10:30 on 5 May 2024, in 2 rooms', false],
    ['digits spread by letters', 'a1b2c3d4e5f6g7h8i9', false],
  ])('%s → %s', (_name, text, expected) => {
    expect(hasDigitChain(text)).toBe(expected);
  });

  it('never says no where one of the joined texts has a candidate (20,000 random pages)', () => {
    const random = createRandom(4242);
    const pieces = [
      '(415) 666-7777',
      '+44 20 7946 0958',
      '415.666.7777',
      '98765 43210',
      '666-7777',
      '2024',
      '-01-',
      '15',
      '10:30',
      ' ',
      '  ',
      ', ',
      'ext. 12',
      ' x',
      'abc',
      'Tel',
      '(',
      ')',
      '+',
      '.',
      '/',
      '555',
      '12 34',
      '$1,234.56',
      '１２３',
      '٤١٥',
      '\u00a0',
      '\n',
    ];
    let positives = 0;
    for (let trial = 0; trial < 20_000; trial++) {
      const nodes = Array.from({ length: 1 + Math.floor(random() * 6) }, () => {
        let text = '';
        for (let i = Math.floor(random() * 5); i >= 0; i--) text += pieces[Math.floor(random() * pieces.length)];
        return text;
      });
      if (!nodes.some(hasPhoneCandidate)) continue;
      positives++;
      expect(hasDigitChain(nodes.join('')), JSON.stringify(nodes)).toBe(true);
    }
    expect(positives).toBeGreaterThan(1000); // the property was tested, not vacuously true
  });
});
