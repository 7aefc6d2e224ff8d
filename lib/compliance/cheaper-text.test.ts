import { describe, expect, it } from 'vitest';
import { findCheaperText } from './cheaper-text';

const hundred = 'a'.repeat(100);

describe('findCheaperText', () => {
  // [name, text, fixed, segments before, segments after, encoding after, number of fixes, keepsUcs2]
  it.each<[string, string, string, number, number, 'GSM-7' | 'UCS-2', number, string[]]>([
    ['one curly apostrophe: 2 segments → 1', `${hundred}’`, `${hundred}'`, 2, 1, 'GSM-7', 1, []],
    ['curly double quotes', '“Deal,” she said', '"Deal," she said', 1, 1, 'GSM-7', 2, []],
    ['low and reversed quotes', '„ok‟ ‚ok‛', '"ok" \'ok\'', 1, 1, 'GSM-7', 4, []],
    ['en and em dashes', 'Mon – Fri — 9 to 5', 'Mon - Fri - 9 to 5', 1, 1, 'GSM-7', 2, []],
    ['minus sign and non-breaking hyphen', '−5% off, e‑mail me', '-5% off, e-mail me', 1, 1, 'GSM-7', 2, []],
    ['ellipsis grows to three dots', 'Well…', 'Well...', 1, 1, 'GSM-7', 1, []],
    ['ellipsis at 159: 3 segments → 2', `${'a'.repeat(159)}…`, `${'a'.repeat(159)}...`, 3, 2, 'GSM-7', 1, []],
    ['non-breaking spaces from a web page', 'Call\u00A0me at\u00A05', 'Call me at 5', 1, 1, 'GSM-7', 2, []],
    ['narrow and thin spaces', '10\u202F000 and 5\u2009km', '10 000 and 5 km', 1, 1, 'GSM-7', 2, []],
    ['em and ideographic spaces', 'a\u2003b\u3000c', 'a b c', 1, 1, 'GSM-7', 2, []],
    ['a tab', 'Price:\t$40', 'Price: $40', 1, 1, 'GSM-7', 1, []],
    ['invisible characters are dropped', '\uFEFFHi\u200Bthere\u2060\u00AD', 'Hithere', 1, 1, 'GSM-7', 4, []],
    ['acute accent and multiplication sign', '2×4 boards, Ana´s', "2x4 boards, Ana's", 1, 1, 'GSM-7', 2, []],
    ['primes', '6′2″ tall', '6\'2" tall', 1, 1, 'GSM-7', 2, []],
    ['GSM accents stay (é, ñ, ü are GSM-7)', 'Café — mañana, Müller', 'Café - mañana, Müller', 1, 1, 'GSM-7', 1, []],
    [
      'a long pasted paragraph: 3 segments → 2',
      `${'word '.repeat(30)}“quoted” — end…`,
      `${'word '.repeat(30)}"quoted" - end...`,
      3,
      2,
      'GSM-7',
      4,
      [],
    ],
    // Nothing to gain: left alone.
    ['plain GSM text: nothing to fix', "It's fine - really", "It's fine - really", 1, 1, 'GSM-7', 0, []],
    ['empty', '', '', 0, 0, 'GSM-7', 0, []],
    ['an emoji keeps UCS-2: quotes left alone', 'It’s great 🙂', 'It’s great 🙂', 1, 1, 'UCS-2', 0, ['🙂']],
    [
      'a joined emoji is not broken apart',
      '👩‍💻 — see you',
      '👩‍💻 — see you',
      1,
      1,
      'UCS-2',
      0,
      ['👩', '\u200D', '💻'],
    ],
    ['non-GSM accents are what the rep wrote', 'Olá – amanhã', 'Olá – amanhã', 1, 1, 'UCS-2', 0, ['á', 'ã']],
    [
      'Cyrillic text is left alone',
      'Да — конечно',
      'Да — конечно',
      1,
      1,
      'UCS-2',
      0,
      ['Д', 'а', 'к', 'о', 'н', 'е', 'ч'],
    ],
    ['Chinese text is left alone', '好的…', '好的…', 1, 1, 'UCS-2', 0, ['好', '的']],
  ])('%s', (_name, text, fixed, segmentsBefore, segmentsAfter, encodingAfter, fixCount, keepsUcs2) => {
    const result = findCheaperText(text);
    expect(result.fixed).toBe(fixed);
    expect([result.before.segments, result.after.segments]).toEqual([segmentsBefore, segmentsAfter]);
    expect(result.after.encoding).toBe(encodingAfter);
    expect(result.fixes).toHaveLength(fixCount);
    expect(result.keepsUcs2).toEqual(keepsUcs2);
  });

  it('gives each fix its position in UTF-16 units, with a name for the UI', () => {
    expect(findCheaperText('It’s – ok…').fixes).toEqual([
      { index: 2, char: '’', replacement: "'", name: 'curly quote' },
      { index: 5, char: '–', replacement: '-', name: 'en dash' },
      { index: 9, char: '…', replacement: '...', name: 'ellipsis' },
    ]);
  });

  it('reports the encoding switch even when the segment count stays', () => {
    const { before, after } = findCheaperText('See you “soon”');
    expect([before.encoding, after.encoding]).toEqual(['UCS-2', 'GSM-7']);
    expect(after.remainingInSegment).toBeGreaterThan(before.remainingInSegment);
  });
});
