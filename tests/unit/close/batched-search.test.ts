// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { PHONES_PER_SEARCH } from '../../../lib/close/client';
import { SEED } from '../../stand-in/server';
import { requestsTo, standInPerFile } from './with-stand-in';

const h = standInPerFile();
const { ana, ben, chloe } = SEED.contacts;

describe('contacts for many numbers at once', () => {
  it('200 numbers, 3 of them contacts: 8 searches of 25, the 3 contacts found', async () => {
    const unknown = Array.from({ length: 197 }, (_, i) => `+1415555${String(1000 + i)}`);
    const numbers = [
      ...unknown.slice(0, 50),
      ana.phone,
      ...unknown.slice(50, 120),
      ben.phone,
      ...unknown.slice(120),
      chloe.phone,
    ];
    const found = await h.client.findContactsByPhones(numbers);
    expect(found.map((c) => c.id).sort()).toEqual([ana.id, ben.id, chloe.id].sort());
    expect(requestsTo(h.standIn, 'POST', 'data/search/')).toHaveLength(200 / PHONES_PER_SEARCH);
  });

  it('repeated numbers are asked once; one number is the single-condition search', async () => {
    await h.client.findContactsByPhones([ana.phone, ana.phone]);
    const [request] = requestsTo(h.standIn, 'POST', 'data/search/');
    expect(JSON.stringify(request?.body)).not.toContain('"or"');
  });

  it('refuses a malformed number before asking Close', async () => {
    await expect(h.client.findContactsByPhones([ana.phone, 'not a number'])).rejects.toThrow();
    expect(requestsTo(h.standIn, 'POST', 'data/search/')).toHaveLength(0);
  });
});
