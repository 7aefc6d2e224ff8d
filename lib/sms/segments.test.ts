import { describe, expect, it } from 'vitest';
import { measureSms } from './segments';

describe('measureSms', () => {
  it.each([
    ['empty', '', 'GSM-7', 0, 0],
    ['plain', 'Hi Ana, see you at 3pm.', 'GSM-7', 23, 1],
    ['160 GSM fits one segment', 'a'.repeat(160), 'GSM-7', 160, 1],
    ['161 GSM needs two', 'a'.repeat(161), 'GSM-7', 161, 2],
    ['306 GSM is two parts of 153', 'a'.repeat(306), 'GSM-7', 306, 2],
    ['307 GSM needs three', 'a'.repeat(307), 'GSM-7', 307, 3],
    ['extension chars cost two septets', '€'.repeat(80), 'GSM-7', 80, 1],
    ['81 euro signs spill over', '€'.repeat(81), 'GSM-7', 81, 2],
    ['an emoji switches to UCS-2', `Thanks! ${'🙂'}`, 'UCS-2', 9, 1],
    ['70 UCS-2 units fit one', `ć${'a'.repeat(69)}`, 'UCS-2', 70, 1],
    ['71 UCS-2 units need two', `ć${'a'.repeat(70)}`, 'UCS-2', 71, 2],
    ['emoji count two units each', '🙂'.repeat(35), 'UCS-2', 35, 1],
    ['36 emoji spill over', '🙂'.repeat(36), 'UCS-2', 36, 2],
  ])('%s', (_name, text, encoding, characters, segments) => {
    const m = measureSms(text);
    expect(m).toMatchObject({ encoding, characters, segments });
  });

  it('flags texts over Close limit of 1000 characters', () => {
    expect(measureSms('a'.repeat(1000)).overLimit).toBe(false);
    expect(measureSms('a'.repeat(1001)).overLimit).toBe(true);
  });

  it('reports what is left in the current segment', () => {
    expect(measureSms('a'.repeat(150)).remainingInSegment).toBe(10);
    expect(measureSms('a'.repeat(200)).remainingInSegment).toBe(106);
  });
});
