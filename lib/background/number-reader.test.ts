import { describe, expect, it } from 'vitest';
import { MAX_BATCH_CHARS, MAX_BATCH_TEXT_CHARS, MAX_BATCH_TEXTS } from '../detect/number-batch';
import { checkBatch, createNumberReader, MAX_WAITING, readTexts } from './number-reader';

describe('checkBatch: what a content script may ask', () => {
  it.each([
    ['not an array', 'Call (415) 666-7777', /Too many/],
    ['too many texts', Array(MAX_BATCH_TEXTS + 1).fill('1'), /Too many/],
    ['a text that is not a string', ['ok', 42], /too long/],
    ['one text too long', ['x'.repeat(MAX_BATCH_TEXT_CHARS + 1)], /too long/],
    ['too many characters in all', Array(9).fill('x'.repeat(MAX_BATCH_CHARS / 8)), /request is too long/],
  ])('refuses %s', (_, texts, message) => {
    expect(() => checkBatch(texts)).toThrow(message);
  });

  it('takes the largest honest batch', () => {
    const texts = Array(MAX_BATCH_TEXTS).fill('x'.repeat(Math.floor(MAX_BATCH_CHARS / MAX_BATCH_TEXTS)));
    expect(checkBatch(texts)).toBe(texts);
  });
});

describe('readTexts', () => {
  it.each([
    [
      'US',
      ['Call (415) 666-7777 or +44 20 7946 0958.'],
      { spans: [0, 5, 19, 0, 23, 39], e164: ['+14156667777', '+442079460958'] },
    ],
    ['GB', ['Ring 07911 123456'], { spans: [0, 5, 17], e164: ['+447911123456'] }],
    ['US', ['Invoice 2024-01-15, total $1,234.56'], { spans: [], e164: [] }],
    ['US', [''], { spans: [], e164: [] }],
    [
      'US',
      ['Invoice 2024-01-15', '', 'Call (415) 666-7777', 'no digits', 'Fax (415) 666-7778'],
      { spans: [2, 5, 19, 4, 4, 18], e164: ['+14156667777', '+14156667778'] },
    ],
  ])('%s: %j', (country, texts, answer) => {
    expect(readTexts(texts, country)).toEqual(answer);
  });
});

describe('createNumberReader', () => {
  const manual = () => {
    const turns: (() => void)[] = [];
    const reader = createNumberReader({ yieldTurn: () => new Promise<void>((r) => turns.push(r)) });
    return { reader, turns };
  };

  it('answers requests one at a time, each after a turn of the event loop, in order', async () => {
    const { reader, turns } = manual();
    const order: string[] = [];
    const a = reader.read(['(415) 666-7777'], 'US', 'f1').then(() => order.push('a'));
    const b = reader.read(['(415) 666-7778'], 'US', 'f2').then(() => order.push('b'));
    await Promise.resolve();
    expect(turns).toHaveLength(1); // b waits for a's turn to end
    turns.shift()?.();
    await a;
    await new Promise((r) => setTimeout(r, 0));
    expect(turns).toHaveLength(1);
    turns.shift()?.();
    await b;
    expect(order).toEqual(['a', 'b']);
  });

  it(`lets one frame queue at most ${MAX_WAITING} requests, without holding up other frames`, async () => {
    const { reader, turns } = manual();
    const queued = Array.from({ length: MAX_WAITING }, () => reader.read(['(415) 666-7777'], 'US', 'flood'));
    await expect(reader.read(['(415) 666-7777'], 'US', 'flood')).rejects.toThrow(/too much at once/);
    const other = reader.read(['(415) 666-7778'], 'US', 'other');
    for (let i = 0; i <= MAX_WAITING; i++) {
      await new Promise((r) => setTimeout(r, 0));
      turns.shift()?.();
    }
    await Promise.all(queued);
    expect(await other).toEqual({ spans: [0, 0, 14], e164: ['+14156667778'] });
    // Answered requests free the frame's places.
    const again = reader.read(['(415) 666-7779'], 'US', 'flood');
    await new Promise((r) => setTimeout(r, 0));
    turns.shift()?.();
    expect(await again).toEqual({ spans: [0, 0, 14], e164: ['+14156667779'] });
  });

  it('a refused batch takes no place and breaks nothing', async () => {
    const reader = createNumberReader();
    await expect(reader.read(['x'.repeat(MAX_BATCH_TEXT_CHARS + 1)], 'US', 'f')).rejects.toThrow();
    expect(await reader.read(['(415) 666-7777'], 'US', 'f')).toEqual({ spans: [0, 0, 14], e164: ['+14156667777'] });
  });
});
