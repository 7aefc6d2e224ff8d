import { describe, expect, it } from 'vitest';
import { createRandom } from '../../tests/bench/detect-throughput';
import { CANDIDATE_SOURCE, type CandidateRun, countDigits, scanCandidate } from './phone-candidates';

/** All candidates found by the fast scanner. */
function scanAll(text: string): string[] {
  const out: string[] = [];
  const run: CandidateRun = { start: 0, end: 0, digits: 0 };
  let from = 0;
  while (scanCandidate(text, from, run)) {
    out.push(`${run.start}:${text.slice(run.start, run.end)}:${run.digits}`);
    from = run.end;
  }
  return out;
}

/** All candidates found by libphonenumber's pattern as a regex (the specification). */
function regexAll(text: string): string[] {
  const pattern = new RegExp(CANDIDATE_SOURCE, 'gi');
  const out: string[] = [];
  for (let m = pattern.exec(text); m !== null; m = pattern.exec(text)) {
    out.push(`${m.index}:${m[0]}:${countDigits(m[0])}`);
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
  ])('agrees on %j', (text) => {
    expect(scanAll(text)).toEqual(regexAll(text));
  });
});
