/**
 * Characters that make a text cost more without anyone meaning them to. One curly quote pasted from a web page
 * switches the whole message from GSM-7 (160 per segment) to UCS-2 (70), so a 100-character text becomes two
 * segments. We point out those characters and offer their plain GSM-7 look-alikes in one click.
 *
 * Only look-alikes are offered: accented letters, emoji and non-Latin scripts are what the rep wrote, so they
 * are never "fixed"; when one of them keeps the text in UCS-2 anyway, replacing quotes would save nothing and
 * nothing is offered. Segment counting is lib/sms/segments.ts's, not repeated here.
 */
import { measureSms, type SmsLength } from '../sms/segments';

interface LookAlike {
  replacement: string;
  /** What the UI calls it: "curly quote", "en dash". */
  name: string;
}

const LOOK_ALIKES: ReadonlyMap<string, LookAlike> = new Map([
  ['\u2018', { replacement: "'", name: 'curly quote' }],
  ['\u2019', { replacement: "'", name: 'curly quote' }],
  ['\u201A', { replacement: "'", name: 'low quote' }],
  ['\u201B', { replacement: "'", name: 'curly quote' }],
  ['\u2032', { replacement: "'", name: 'prime' }],
  ['\u00B4', { replacement: "'", name: 'acute accent' }],
  ['\u201C', { replacement: '"', name: 'curly double quote' }],
  ['\u201D', { replacement: '"', name: 'curly double quote' }],
  ['\u201E', { replacement: '"', name: 'low double quote' }],
  ['\u201F', { replacement: '"', name: 'curly double quote' }],
  ['\u2033', { replacement: '"', name: 'double prime' }],
  ['\u2010', { replacement: '-', name: 'hyphen' }],
  ['\u2011', { replacement: '-', name: 'non-breaking hyphen' }],
  ['\u2012', { replacement: '-', name: 'figure dash' }],
  ['\u2013', { replacement: '-', name: 'en dash' }],
  ['\u2014', { replacement: '-', name: 'em dash' }],
  ['\u2015', { replacement: '-', name: 'horizontal bar' }],
  ['\u2212', { replacement: '-', name: 'minus sign' }],
  ['\u2026', { replacement: '...', name: 'ellipsis' }],
  ['\u00D7', { replacement: 'x', name: 'multiplication sign' }],
  ['\t', { replacement: ' ', name: 'tab' }],
  ['\u00A0', { replacement: ' ', name: 'non-breaking space' }],
  ['\u2000', { replacement: ' ', name: 'wide space' }],
  ['\u2001', { replacement: ' ', name: 'wide space' }],
  ['\u2002', { replacement: ' ', name: 'en space' }],
  ['\u2003', { replacement: ' ', name: 'em space' }],
  ['\u2004', { replacement: ' ', name: 'narrow space' }],
  ['\u2005', { replacement: ' ', name: 'narrow space' }],
  ['\u2006', { replacement: ' ', name: 'narrow space' }],
  ['\u2007', { replacement: ' ', name: 'figure space' }],
  ['\u2008', { replacement: ' ', name: 'punctuation space' }],
  ['\u2009', { replacement: ' ', name: 'thin space' }],
  ['\u200A', { replacement: ' ', name: 'hair space' }],
  ['\u202F', { replacement: ' ', name: 'narrow non-breaking space' }],
  ['\u205F', { replacement: ' ', name: 'math space' }],
  ['\u3000', { replacement: ' ', name: 'ideographic space' }],
  // Invisible: dropped. Not U+200D (zero-width joiner), which holds emoji sequences such as 👩‍💻 together.
  ['\u200B', { replacement: '', name: 'zero-width space' }],
  ['\u2060', { replacement: '', name: 'word joiner' }],
  ['\uFEFF', { replacement: '', name: 'byte order mark' }],
  ['\u00AD', { replacement: '', name: 'soft hyphen' }],
]);

export interface Fix {
  /** Position in UTF-16 code units, as a textarea's selectionStart counts. */
  index: number;
  char: string;
  replacement: string;
  name: string;
}

export interface CheaperText {
  /** Each character to replace, in order; empty when replacing would not make the text GSM-7. */
  fixes: Fix[];
  /** The text with every fix applied (the text itself when `fixes` is empty). */
  fixed: string;
  before: SmsLength;
  after: SmsLength;
  /** Characters that keep the text in UCS-2 whatever we replace (emoji, accented or non-Latin letters). */
  keepsUcs2: string[];
}

const isGsm = (ch: string): boolean => measureSms(ch).encoding === 'GSM-7';

/** Finds look-alikes and what replacing them saves: "2 segments → 1" is `before.segments` → `after.segments`. */
export function findCheaperText(text: string): CheaperText {
  const before = measureSms(text);
  const fixes: Fix[] = [];
  const keepsUcs2: string[] = [];
  let fixed = '';
  let index = 0;
  for (const char of text) {
    const lookAlike = LOOK_ALIKES.get(char);
    if (lookAlike) {
      fixes.push({ index, char, ...lookAlike });
      fixed += lookAlike.replacement;
    } else {
      if (!isGsm(char) && !keepsUcs2.includes(char)) keepsUcs2.push(char);
      fixed += char;
    }
    index += char.length;
  }
  if (fixes.length === 0 || keepsUcs2.length > 0) {
    return { fixes: [], fixed: text, before, after: before, keepsUcs2 };
  }
  return { fixes, fixed, before, after: measureSms(fixed), keepsUcs2 };
}
