import { describe, expect, it } from 'vitest';
import type { Contact } from '../close/schemas';
import { MAX_NUMBERS_LOOKED_UP, numbersToLookUp, OWNER_TTL_MS, ownerLabel, ownersFrom } from './page-owners';

const NOW = 1_000_000_000;
const ana = {
  id: 'cont_ana',
  lead_id: 'lead_b',
  display_name: 'Ana Torres',
  phones: [{ phone: '+16505550100', type: 'mobile' }],
} as Contact;
const raj = {
  id: 'cont_raj',
  lead_id: 'lead_b',
  name: 'Raj',
  phones: [
    { phone: '+16505550101', type: 'mobile' },
    { phone: '+16505550100', type: 'office' },
  ],
} as Contact;

describe('which numbers to ask Close about', () => {
  it.each([
    ['none cached', ['+1650', '+1651'], {}, ['+1650', '+1651']],
    ['fresh hit skipped', ['+1650', '+1651'], { '+1650': { value: null, savedAt: NOW - 1000 } }, ['+1651']],
    ['stale hit asked again', ['+1650'], { '+1650': { value: null, savedAt: NOW - OWNER_TTL_MS } }, ['+1650']],
    ['duplicates once', ['+1650', '+1650'], {}, ['+1650']],
  ])('%s', (_name, numbers, cache, expected) => {
    expect(numbersToLookUp(numbers, cache, NOW)).toEqual(expected);
  });

  it('caps a page of many numbers', () => {
    const many = Array.from({ length: 1000 }, (_, i) => `+1650555${String(i).padStart(4, '0')}`);
    expect(numbersToLookUp(many, {}, NOW)).toHaveLength(MAX_NUMBERS_LOOKED_UP);
  });
});

describe('owners from a batched search', () => {
  it('names the first contact with each number, and null for numbers no contact has', () => {
    expect(ownersFrom(['+16505550100', '+16505550101', '+16505550199'], [ana, raj])).toEqual({
      '+16505550100': { contactId: 'cont_ana', contactName: 'Ana Torres', leadId: 'lead_b', leadName: null },
      '+16505550101': { contactId: 'cont_raj', contactName: 'Raj', leadId: 'lead_b', leadName: null },
      '+16505550199': null,
    });
  });
});

describe('the picker’s label', () => {
  it.each([
    [undefined, null],
    [null, 'Not in Close'],
    [{ contactName: 'Ana Torres', leadId: 'l', leadName: 'Bayview Dental' }, 'Ana Torres · Bayview Dental'],
    [{ contactName: 'Ana Torres', leadId: 'l', leadName: null }, 'Ana Torres'],
    [{ contactName: 'Bayview', leadId: 'l', leadName: 'Bayview' }, 'Bayview'],
    [{ contactName: null, leadId: 'l', leadName: 'Bayview Dental' }, 'Bayview Dental'],
    [{ contactName: ' ', leadId: null, leadName: null }, 'In Close (unnamed contact)'],
  ])('%o → %s', (owner, label) => {
    expect(ownerLabel(owner)).toBe(label);
  });
});
