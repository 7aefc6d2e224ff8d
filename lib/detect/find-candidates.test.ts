import { describe, expect, it } from 'vitest';
import { createRandom } from '../../tests/bench/detect-throughput';
import { hasPhoneCandidate, mayHoldCandidateRun } from './find-candidates';

describe('mayHoldCandidateRun: could any text node of a subtree hold a candidate, from its joined text', () => {
  it.each([
    ['a number', 'Call (415) 666-7777 today', true],
    ['a date with a time', 'Updated 2024-01-15 10:02', true], // 10 digits in one run: the nodes are read
    ['two nodes that join into a run', 'Year 2024' + '555 pages', true],
    ['prose', 'Plain prose without any digits at all.', false],
    ['short runs apart', 'Room 4012, floor 3, since 1998, 24 seats, 120 m²', false],
    ['a time and a year', 'At 10:30 on 5 May 2024, in 2 rooms', false],
    ['digits spread by letters', 'a1b2c3d4e5f6g7h8i9', false],
  ])('%s → %s', (_name, text, expected) => {
    expect(mayHoldCandidateRun(text)).toBe(expected);
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
      expect(mayHoldCandidateRun(nodes.join('')), JSON.stringify(nodes)).toBe(true);
    }
    expect(positives).toBeGreaterThan(1000); // the property was tested, not vacuously true
  });
});
