// @vitest-environment node
/**
 * The reply poller with the real Close client against the HTTP stand-in: the feed answering 429 for a long
 * time, 500s, a 2 MB page, hostile texts, a number on no contact. No crash, no duplicate, polling resumes.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { createReplyPoller, REPLY_ALARM } from '../../../lib/background/reply-poller';
import { replyItem } from '../../../lib/storage';
import { SEED } from '../../stand-in/server';
import { freshBrowser } from '../support/background';
import { requestsTo, standInPerFile } from './with-stand-in';

const h = standInPerFile();
beforeEach(freshBrowser);

/** The client's clock, moved on by the test: it holds back a group until Close's `rate_reset` has passed. */
let skew = 0;
function poller() {
  const client = h.clientWith({ now: () => Date.now() + skew });
  return createReplyPoller({ close: client, getMe: () => client.me(), hasKey: async () => true });
}
beforeEach(() => {
  skew = 0;
});
const replyIds = (calls: unknown[][]) => calls.map((c) => String(c[0])).filter((id) => /^repl(y|ies):/.test(id));
const alarmInMs = async () => {
  const alarm = await fakeBrowser.alarms.get(REPLY_ALARM);
  return alarm ? Math.round((alarm.scheduledTime - Date.now()) / 1000) * 1000 : null;
};

describe('the reply feed against the stand-in', () => {
  it('a reply is noticed once; 429s for minutes and 500s back the polling off, then it resumes', async () => {
    const p = poller();
    const notify = vi.spyOn(fakeBrowser.notifications, 'create');
    await p.poll();
    // Close answers 429 to the SMS list for the next polls, with a long reset (minutes).
    h.standIn.faults.failNext({
      method: 'GET',
      path: '/activity/sms/',
      status: 429,
      count: 12,
      body: { error: { message: 'Rate limit exceeded', rate_reset: 240 } },
      headers: { 'retry-after': '240', ratelimit: 'limit=40, remaining=0, reset=240' },
    });
    h.standIn.receiveReply({ from: SEED.contacts.ana.phone, text: 'Sounds good' });
    await p.poll();
    expect(await alarmInMs()).toBeGreaterThanOrEqual(240_000);
    const afterRateLimit = (await replyItem.getValue()).failures;
    expect(afterRateLimit).toBe(1);
    // Still within the reset: the client does not even ask Close.
    const asked = requestsTo(h.standIn, 'GET', 'activity/sms/').length;
    await p.poll();
    expect(requestsTo(h.standIn, 'GET', 'activity/sms/')).toHaveLength(asked);
    expect((await replyItem.getValue()).failures).toBe(2);
    skew = 241_000;
    h.standIn.faults.clear();
    h.standIn.faults.failNext({ method: 'GET', path: '/activity/sms/', status: 500, count: 1 });
    await p.poll();
    expect((await replyItem.getValue()).failures).toBe(3);
    expect(await alarmInMs()).toBe(30 * 60_000); // 5 min × 2³, capped at 30 min
    await p.poll();
    await p.poll();
    expect(replyIds(notify.mock.calls)).toEqual([`reply:lead:${SEED.leads.bayview.id}`]);
    expect((await replyItem.getValue()).failures).toBe(0);
  });

  it('a 2 MB page, HTML and 5,000-character texts, and a number on no contact: read as text, one notification', async () => {
    const p = poller();
    const notify = vi.spyOn(fakeBrowser.notifications, 'create');
    await p.poll();
    const big = `<script>alert(1)</script>${'é'.repeat(4900)}`;
    // 100 texts of ~10 kB each on one page of the SMS list, from numbers nobody in Close has.
    for (let i = 0; i < 100; i++) h.standIn.receiveReply({ from: `+1312555${1000 + i}`, text: big.repeat(2) });
    h.standIn.receiveReply({ from: SEED.contacts.ana.phone, text: big });
    await p.poll();
    const lists = requestsTo(h.standIn, 'GET', 'activity/sms/');
    expect(lists.length).toBeGreaterThanOrEqual(2);
    const calls = replyIds(notify.mock.calls);
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatch(/^replies:/);
    const state = await replyItem.getValue();
    expect(Object.keys(state.unread)).toHaveLength(101);
    expect(Object.values(state.unread).every((r) => r.text.length <= 500)).toBe(true);
    await p.poll();
    expect(replyIds(notify.mock.calls)).toHaveLength(1);
  });
});
