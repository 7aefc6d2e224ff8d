// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { failure, requestsTo, standInPerFile } from './with-stand-in';

const h = standInPerFile();
const PHONE = '+14155550142';
const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const leadsWithPhone = () => new Set(h.standIn.state.contactPhones(PHONE).map(({ contact }) => contact.lead_id));
const leadPosts = () => requestsTo(h.standIn, 'POST', 'lead/');

/** Sends every write twice and hands back only the second answer, as Chromium does after a dropped kept-alive connection. */
const doublingFetch: typeof fetch = async (input, init) => {
  if ((init?.method ?? 'GET') === 'POST' && String(input).endsWith('/lead/')) {
    await fetch(input, init).then((response) => response.text());
  }
  return fetch(input, init);
};

describe('Create lead never makes two leads', () => {
  it('a POST the browser re-sent: the twin is found once the search shows it, and deleted', async () => {
    h.standIn.state.searchLagMs = 200;
    const client = h.clientWith({ fetch: doublingFetch, sleep: realSleep, searchLagMs: 2000 });
    const lead = await client.createLead({ phone: PHONE, name: 'Twin Co' });
    expect(leadPosts()).toHaveLength(2);
    expect([...leadsWithPhone()]).toEqual([lead.id]);
  });

  it('a lost answer: the search is polled until the new lead shows, and no second POST is made', async () => {
    h.standIn.state.searchLagMs = 300;
    h.standIn.faults.dropAfterApplyNext({ method: 'POST', path: '/lead/' });
    const client = h.clientWith({ sleep: realSleep, searchLagMs: 3000 });
    const lead = await client.createLead({ phone: PHONE, name: 'Lost Answer Co' });
    expect(leadPosts()).toHaveLength(1);
    expect([...leadsWithPhone()]).toEqual([lead.id]);
  });

  it('a lost answer while the search lags longer than we wait: outcome unknown; the retry finds it, not a second', async () => {
    h.standIn.state.searchLagMs = 600;
    h.standIn.faults.dropAfterApplyNext({ method: 'POST', path: '/lead/' });
    const client = h.clientWith({ sleep: realSleep, searchLagMs: 100 });
    const error = await failure(client.createLead({ phone: PHONE, name: 'Slow Index Co' }));
    expect(error).toMatchObject({ kind: 'network', outcomeUnknown: true });
    expect(error.message).toMatch(/before creating it again/);
    await realSleep(700);
    const lead = await client.createLead({ phone: PHONE, name: 'Slow Index Co' });
    expect(leadPosts()).toHaveLength(1);
    expect([...leadsWithPhone()]).toEqual([lead.id]);
  });

  it('a retry after a success while the search still lags returns the same lead', async () => {
    h.standIn.state.searchLagMs = 60_000;
    const client = h.clientWith({ sleep: realSleep, searchLagMs: 50 });
    const first = await client.createLead({ phone: PHONE, name: 'Retry Co' });
    const second = await client.createLead({ phone: PHONE, name: 'Retry Co' });
    expect(second.id).toBe(first.id);
    expect(leadPosts()).toHaveLength(1);
  });

  it('a refused create (400) is final and forgotten: the next try creates', async () => {
    h.standIn.faults.failNext({ status: 400, body: { errors: ['Nope.'] }, method: 'POST', path: '/lead/' });
    expect(await failure(h.client.createLead({ phone: PHONE }))).toMatchObject({ kind: 'bad-request' });
    const lead = await h.client.createLead({ phone: PHONE });
    expect([...leadsWithPhone()]).toEqual([lead.id]);
  });
});

describe('stand-in: contact search lags and pages by cursor', () => {
  it('a new contact is invisible for searchLagMs, then found', async () => {
    h.standIn.state.searchLagMs = 300;
    const client = h.clientWith({ searchLagMs: 0 });
    const lead = await client.createLead({ phone: PHONE });
    expect(await h.client.findContactsByPhone(PHONE)).toEqual([]);
    await realSleep(350);
    expect((await h.client.findContactsByPhone(PHONE)).map((contact) => contact.lead_id)).toEqual([lead.id]);
  });

  it('pages with a cursor, which the client follows', async () => {
    h.standIn.state.searchPageSize = 1;
    const client = h.clientWith({ searchLagMs: 0 });
    await client.createLead({ phone: PHONE, name: 'One' });
    // Another client (this one would treat a second create for the number as a retry and return the first lead).
    const other = h.clientWith({ searchLagMs: 0 });
    await other.createLead({ phone: PHONE, name: 'Two' });
    const found = await h.client.findContactsByPhone(PHONE);
    expect(found).toHaveLength(2);
    const searches = requestsTo(h.standIn, 'POST', 'data/search/');
    expect(searches.at(-1)?.body).toMatchObject({ cursor: expect.any(String) });
  });
});
