import { beforeEach, describe, expect, it, vi } from 'vitest';
import { contact, freshBrowser } from '@/tests/unit/support/background';
import { pageOwnerHandlers } from './page-owners';

beforeEach(freshBrowser);

const ANA = '+16505550100';
const OTHER = '+16505550111';
const LEAD = 'lead_aaaaaaaaaaaaaaaaaaaaaaaa';
const POPUP = { class: 'extension-page' } as never;

function setup() {
  const close = {
    findContactsByPhones: vi.fn(async (numbers: readonly string[]) => (numbers.includes(ANA) ? [contact(ANA)] : [])),
    getLead: vi.fn(async (id: string) => ({ id, display_name: 'Bayview Dental', contacts: [] })),
  };
  return { close, handlers: pageOwnerHandlers(close as never) };
}

describe('who’s who on the page', () => {
  it('names the numbers in Close, says "not in Close" (null) for the rest, and caches both', async () => {
    const { close, handlers } = setup();
    const first = await handlers.lookupPageOwners({ numbers: [ANA, OTHER], leadIds: [] }, POPUP);
    expect(first.numbers).toEqual({
      [ANA]: { contactName: 'Ana Torres', leadId: LEAD, leadName: 'Bayview Dental' },
      [OTHER]: null,
    });
    expect(close.findContactsByPhones).toHaveBeenCalledTimes(1);
    const again = await handlers.lookupPageOwners({ numbers: [OTHER, ANA], leadIds: [] }, POPUP);
    expect(again).toEqual(first);
    expect(close.findContactsByPhones).toHaveBeenCalledTimes(1);
    expect(close.getLead).toHaveBeenCalledTimes(1);
  });

  it('names lead ids on the page; a lead Close does not have is left unnamed', async () => {
    const { close, handlers } = setup();
    close.getLead.mockRejectedValueOnce(new Error('not found'));
    const missing = 'lead_bbbbbbbbbbbbbbbbbbbbbbbb';
    const out = await handlers.lookupPageOwners({ numbers: [], leadIds: [missing, LEAD] }, POPUP);
    expect(out.leads).toEqual({ [LEAD]: 'Bayview Dental' });
    expect(close.findContactsByPhones).not.toHaveBeenCalled();
  });
});
