import { describe, expect, it } from 'vitest';
import type { SmsActivity } from '../close/schemas';
import {
  addFooter,
  DEFAULT_FOOTER_TEMPLATE,
  footerTemplateProblems,
  isFirstText,
  removeFooter,
  renderFooter,
} from './first-text-footer';

const MAYA = { rep: 'Maya', org: 'Northwind Solar' };
const FOOTER = renderFooter(DEFAULT_FOOTER_TEMPLATE, MAYA);
const EM_DASH_FOOTER = renderFooter('— {{rep}}, {{org}}. Reply STOP to opt out', MAYA);

describe('renderFooter', () => {
  it.each<[string, string, { rep: string; org: string }, string]>([
    ['the default', DEFAULT_FOOTER_TEMPLATE, MAYA, '- Maya, Northwind Solar. Reply STOP to opt out'],
    [
      'an em-dash template',
      '— {{rep}}, {{org}}. Reply STOP to opt out',
      MAYA,
      '— Maya, Northwind Solar. Reply STOP to opt out',
    ],
    ['no organization name', DEFAULT_FOOTER_TEMPLATE, { rep: 'Maya', org: '' }, '- Maya. Reply STOP to opt out'],
    [
      'no rep name',
      DEFAULT_FOOTER_TEMPLATE,
      { rep: ' ', org: 'Northwind Solar' },
      '- Northwind Solar. Reply STOP to opt out',
    ],
    ['neither', DEFAULT_FOOTER_TEMPLATE, { rep: '', org: '' }, 'Reply STOP to opt out'],
    [
      'spaced and upper-case placeholders',
      '{{ REP }} at {{Org}}: reply STOP to end',
      MAYA,
      'Maya at Northwind Solar: reply STOP to end',
    ],
    [
      'an unknown placeholder is left as typed',
      '{{rep}} ({{phone}}). Reply STOP',
      MAYA,
      'Maya ({{phone}}). Reply STOP',
    ],
  ])('%s', (_name, template, values, footer) => {
    expect(renderFooter(template, values)).toBe(footer);
  });
});

describe('addFooter', () => {
  const hi = 'Hi Ana, following up on the quote.';
  // [name, text, footer, result text, added, segments before, after, encoding after]
  it.each<[string, string, string, string, boolean, number, number, 'GSM-7' | 'UCS-2']>([
    ['added on its own line', hi, FOOTER, `${hi}\n${FOOTER}`, true, 1, 1, 'GSM-7'],
    ['trailing blank lines are not kept before it', `${hi}\n\n  `, FOOTER, `${hi}\n${FOOTER}`, true, 1, 1, 'GSM-7'],
    ['not twice', `${hi}\n${FOOTER}`, FOOTER, `${hi}\n${FOOTER}`, false, 1, 1, 'GSM-7'],
    [
      'not twice when the rep moved it onto the same line',
      `${hi} ${FOOTER}`,
      FOOTER,
      `${hi} ${FOOTER}`,
      false,
      1,
      1,
      'GSM-7',
    ],
    [
      'not when the rep wrote their own opt-out line',
      `${hi} Reply STOP to unsubscribe.`,
      FOOTER,
      `${hi} Reply STOP to unsubscribe.`,
      false,
      1,
      1,
      'GSM-7',
    ],
    [
      'not when the rep wrote text "STOP"',
      `${hi} Text "STOP" to quit.`,
      FOOTER,
      `${hi} Text "STOP" to quit.`,
      false,
      1,
      1,
      'GSM-7',
    ],
    [
      'tips a 120-character text into a second segment',
      'a'.repeat(120),
      FOOTER,
      `${'a'.repeat(120)}\n${FOOTER}`,
      true,
      1,
      2,
      'GSM-7',
    ],
    [
      'an em-dash footer turns a short text into two UCS-2 segments',
      'a'.repeat(30),
      EM_DASH_FOOTER,
      `${'a'.repeat(30)}\n${EM_DASH_FOOTER}`,
      true,
      1,
      2,
      'UCS-2',
    ],
    ['an empty text gets the footer alone', '', FOOTER, FOOTER, true, 0, 1, 'GSM-7'],
    ['an empty footer adds nothing', hi, '  ', hi, false, 1, 1, 'GSM-7'],
  ])('%s', (_name, text, footer, result, added, before, after, encoding) => {
    const withFooter = addFooter(text, footer);
    expect(withFooter.text).toBe(result);
    expect(withFooter.added).toBe(added);
    expect([withFooter.before.segments, withFooter.after.segments]).toEqual([before, after]);
    expect(withFooter.after.encoding).toBe(encoding);
  });
});

describe('removeFooter', () => {
  it.each<[string, string, string]>([
    ['takes back what addFooter added', addFooter('Hi Ana', FOOTER).text, 'Hi Ana'],
    ['a footer alone', FOOTER, ''],
    ['leaves a text without it alone', 'Hi Ana', 'Hi Ana'],
    ['leaves a footer the rep moved mid-text alone', `${FOOTER}\nHi Ana`, `${FOOTER}\nHi Ana`],
  ])('%s', (_name, text, result) => {
    expect(removeFooter(text, FOOTER)).toBe(result);
  });
});

describe('footerTemplateProblems', () => {
  it.each<[string, string, RegExp[]]>([
    ['the default is fine', DEFAULT_FOOTER_TEMPLATE, []],
    ['empty', '  ', [/empty/]],
    ['an unknown placeholder', '{{phone}} Reply STOP to opt out', [/\{\{phone\}\} is not a placeholder/]],
    ['no way to opt out', '- {{rep}}, {{org}}', [/how to opt out/]],
    ['an em dash costs UCS-2', '— {{rep}}. Reply STOP to opt out', [/not plain GSM-7/]],
  ])('%s', (_name, template, problems) => {
    const found = footerTemplateProblems(template);
    expect(found).toHaveLength(problems.length);
    problems.forEach((problem, i) => {
      expect(found[i]).toMatch(problem);
    });
  });
});

describe('isFirstText', () => {
  type A = Pick<SmsActivity, 'direction' | 'status'>;
  it.each<[string, A[], boolean]>([
    ['no texts at all', [], true],
    ['only replies from them', [{ direction: 'inbound', status: 'inbox' }], true],
    ['an unsent draft', [{ direction: 'outbound', status: 'draft' }], true],
    ['a failed send', [{ direction: 'outbound', status: 'error' }], true],
    ['a sent text', [{ direction: 'outbound', status: 'sent' }], false],
    ['a scheduled text will arrive first', [{ direction: 'outbound', status: 'scheduled' }], false],
    ['a text in the outbox', [{ direction: 'outbound', status: 'outbox' }], false],
    ['a sent text without direction', [{ direction: null, status: 'sent' }], false],
    [
      'a reply and a sent text',
      [
        { direction: 'inbound', status: 'inbox' },
        { direction: 'outbound', status: 'sent' },
      ],
      false,
    ],
  ])('%s', (_name, activities, first) => {
    expect(isFirstText(activities)).toBe(first);
  });
});
