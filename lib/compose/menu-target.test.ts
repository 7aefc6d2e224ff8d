import { describe, expect, it } from 'vitest';
import { menuTarget } from './menu-target';

const LEAD = 'lead_4mW3kqP8fXbCvR2tZ9yLnH7sJdG6aQeU1oKiVp5wBxT';

describe('menuTarget', () => {
  it.each([
    [
      'a selected number',
      { selectionText: 'call (415) 666-7777 now' },
      false,
      { kind: 'number', to: '+14156667777', others: [] },
    ],
    [
      'several numbers: first used, others listed',
      { selectionText: '(415) 666-7777 or +44 20 7946 0958, again (415) 666-7777' },
      false,
      { kind: 'number', to: '+14156667777', others: ['+442079460958'] },
    ],
    ['a tel: link', { linkUrl: 'tel:+1-415-666-7778' }, false, { kind: 'number', to: '+14156667778', others: [] }],
    [
      'an sms: link with a body',
      { linkUrl: 'sms:4156667779?body=hi' },
      false,
      { kind: 'number', to: '+14156667779', others: [] },
    ],
    ['a lead link', { linkUrl: `https://app.close.com/lead/${LEAD}/` }, true, { kind: 'lead', lead: LEAD }],
    ['a lead in the selection', { selectionText: `see ${LEAD}.` }, true, { kind: 'lead', lead: LEAD }],
  ])('%s', (_name, click, wantLead, expected) => {
    expect(menuTarget(click, 'US', wantLead)).toEqual(expected);
  });

  it.each([
    [
      { selectionText: 'Order 2024-01-15, total $1,234.56' },
      /No phone number found in “Order 2024-01-15, total \$1,234.56”/,
    ],
    [{ selectionText: '   ' }, /Select a phone number first/],
    [{ selectionText: 'x'.repeat(500) }, /…”/],
  ])('explains when there is nothing to text: %j', (click, message) => {
    const t = menuTarget(click, 'US', false);
    expect(t.kind).toBe('nothing');
    expect(t.kind === 'nothing' && t.message).toMatch(message);
  });

  it('reads only the start of a 1 MB selection', () => {
    const big = `(415) 666-7777 ${'lorem ipsum '.repeat(90_000)} (415) 666-7778`;
    expect(big.length).toBeGreaterThan(1_000_000);
    expect(menuTarget({ selectionText: big }, 'US', false)).toEqual({ kind: 'number', to: '+14156667777', others: [] });
  });

  it('explains a missing lead id', () => {
    expect(menuTarget({ selectionText: 'mislead_abc' }, 'US', true)).toMatchObject({ kind: 'nothing' });
  });
});
