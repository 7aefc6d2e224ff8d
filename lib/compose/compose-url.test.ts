import { describe, expect, it } from 'vitest';
import { composeSearch, requestFromSearch, tabFromSearch } from './compose-url';

describe('compose request ↔ popup URL', () => {
  it.each([
    [{ to: '+14155550100' }],
    [{ lead: 'lead_ZWSwsOAXDLKmgbWdZGGqAzEi2KXb0ESHAbPWDqBSJrq' }],
    [{ to: '+14155550100', lead: 'lead_ZWSwsOAXDLKmgbWdZGGqAzEi2KXb0ESHAbPWDqBSJrq' }],
    [{ to: '+14155550100', others: ['+14155550101', '+442079460000'] }],
    [{ notice: 'No phone number found in “hello & goodbye”.' }],
  ])('round-trips %j', (request) => {
    expect(requestFromSearch(composeSearch(request))).toEqual(request);
  });

  it('keeps the tab apart from the request', () => {
    const search = composeSearch({ to: '+14155550100', tab: 42 });
    expect(tabFromSearch(search)).toBe(42);
    expect(requestFromSearch(search)).toEqual({ to: '+14155550100' });
  });

  it.each([
    ['', null],
    ['?tab=3', null],
    ['?to=%20%20', null],
    ['?view=queue', null],
  ])('%s names no request', (search, expected) => {
    expect(requestFromSearch(search)).toBe(expected);
  });

  it.each([
    ['?tab=abc', null],
    ['?tab=-1', null],
    ['?tab=1.5', null],
    ['', null],
  ])('%s names no tab', (search, expected) => {
    expect(tabFromSearch(search)).toBe(expected);
  });
});
