// @vitest-environment node
/**
 * The organization's blocked numbers with the real Close client against the HTTP stand-in: a list of 5,000
 * is paged through whole (Close has no filter by phone), a 403 is a clear error, and a block added twice is
 * refused by Close rather than stored twice.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { isCloseApiError } from '../../../lib/close/errors';
import { SEED } from '../../stand-in/server';
import { freshBrowser } from '../support/background';
import { requestsTo, standInPerFile } from './with-stand-in';

const h = standInPerFile();
beforeEach(freshBrowser);

describe('blocked phone numbers against the stand-in', () => {
  it('reads a 5,000-number list whole, 100 a page, waiting out Close’s rate limit on the way', async () => {
    const now = new Date();
    for (let i = 0; i < 5000; i++) h.standIn.state.blockPhone(`+1202555${String(i).padStart(4, '0')}`, 'List', now);
    // 50 pages exceed the stand-in's 40 requests a second, as they would Close's: the client must really wait.
    const client = h.clientWith({ sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)) });
    const list = await client.blockedPhoneNumbers();
    expect(list).toHaveLength(5000);
    expect(new Set(list.map((b) => b.phone)).size).toBe(5000);
    const pages = requestsTo(h.standIn, 'GET', 'blocked_phone_number/');
    expect(pages.length).toBeGreaterThanOrEqual(50); // 50, plus any the stand-in answered 429
    expect(pages.length).toBeLessThanOrEqual(55);
  });

  it('a 403 (no permission) is an error the gate can name, not an empty list', async () => {
    h.standIn.faults.failNext({ method: 'GET', path: '/blocked_phone_number/', status: 403 });
    const error = await h.client.blockedPhoneNumbers().catch((e: unknown) => e);
    expect(isCloseApiError(error) && error.kind).toBe('forbidden');
  });

  it('blocks a number once; a repeated block is refused by Close', async () => {
    const ana = SEED.contacts.ana.phone;
    await h.client.blockPhoneNumber({ phone: ana, reason: 'Replied STOP' });
    const again = await h.client.blockPhoneNumber({ phone: ana, reason: 'Replied STOP' }).catch((e: unknown) => e);
    expect(isCloseApiError(again) && again.kind).toBe('bad-request');
    expect([...h.standIn.state.blockedNumbers.values()]).toHaveLength(1);
  });
});
