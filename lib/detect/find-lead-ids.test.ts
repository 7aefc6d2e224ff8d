import { describe, expect, it } from 'vitest';
import { findLeadIds } from './index';

const ID = 'lead_4mW3kqP8fXbCvR2tZ9yLnH7sJdG6aQeU1oKiVp5wBxT'; // 43 base62 characters, like Close's
const ID2 = 'lead_Zq81rT0vKLmN3pXyB6cWd2HsJf9GaU4eYiRo7Vn5Qtk';
const MIN = `lead_${'a1B2c3D4e5'.repeat(2)}`; // 20 characters
const MAX = `lead_${'Ab3'.repeat(20)}`; // 60 characters

describe('findLeadIds: positives', () => {
  it.each([
    ['the id alone', ID, ID],
    ['in prose', `Lead ${ID} was updated.`, ID],
    ['in a Close URL', `https://app.close.com/lead/${ID}/`, ID],
    ['in a URL with a query', `https://app.close.com/lead/${ID}?tab=activity`, ID],
    ['in a URL with a fragment', `https://app.close.com/lead/${ID}#notes`, ID],
    ['at the end of a URL', `https://app.close.com/lead/${ID}`, ID],
    ['followed by a comma', `${ID}, then`, ID],
    ['followed by a full stop', `See ${ID}.`, ID],
    ['in parentheses', `(${ID})`, ID],
    ['in quotes', `"${ID}"`, ID],
    ['in JSON', `{"lead_id":"${ID}"}`, ID],
    ['as a query value', `?lead=${ID}&x=1`, ID],
    ['followed by a dash', `${ID}-copy`, ID],
    ['shortest accepted (20)', `id ${MIN} end`, MIN],
    ['longest accepted (60)', `id ${MAX} end`, MAX],
  ])('%s', (_label, text, id) => {
    const matches = findLeadIds(text);
    expect(matches.map((m) => m.id)).toEqual([id]);
    const [match] = matches;
    expect(match && text.slice(match.start, match.end)).toBe(id);
  });

  it('returns every occurrence, duplicates included, in text order', () => {
    const text = `${ID} and ${ID2}, again ${ID}`;
    expect(findLeadIds(text)).toEqual([
      { start: 0, end: ID.length, id: ID },
      { start: ID.length + 5, end: ID.length + 5 + ID2.length, id: ID2 },
      { start: text.length - ID.length, end: text.length, id: ID },
    ]);
  });

  it('finds ids in several URLs on one line', () => {
    const text = `https://app.close.com/lead/${ID}/ https://app.close.com/lead/${ID2}/opportunity/`;
    expect(findLeadIds(text).map((m) => m.id)).toEqual([ID, ID2]);
  });
});

describe('findLeadIds: negatives', () => {
  it.each([
    ['no lead_ at all', 'nothing to see here'],
    ['mislead_ prefix', `mis${ID}`],
    ['letter before', `x${ID}`],
    ['digit before', `1${ID}`],
    ['underscore before', `_${ID}`],
    ['lead_status', 'lead_status'],
    ['lead_status_changed', 'event lead_status_changed fired'],
    ['too short', 'lead_abc'],
    ['19 characters', `lead_${'a'.repeat(19)}`],
    ['61 characters', `lead_${'a'.repeat(61)}`],
    ['underscore after', `${ID}_x`],
    ['non-ASCII letter after', `${ID}é`],
    ['other Close object', 'cont_4mW3kqP8fXbCvR2tZ9yLnH7sJdG6aQeU1oKiVp5wBxT'],
    ['LEAD_ in capitals', ID.replace('lead_', 'LEAD_')],
  ])('%s', (_label, text) => {
    expect(findLeadIds(text)).toEqual([]);
  });
});
