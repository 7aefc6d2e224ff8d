import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { freshBrowser, ME, sms } from '@/tests/unit/support/background';
import { CloseApiError } from '../close/errors';
import type { SmsActivity } from '../close/schemas';
import type { SendRequest } from '../protocol';
import { ACTIVE_MS, IDLE_MS } from '../replies/poll-schedule';
import { deliveryItem, replyItem } from '../storage';
import { createReplyPoller, REPLY_ALARM } from './reply-poller';

beforeEach(freshBrowser);

const LEAD = 'lead_aaaaaaaaaaaaaaaaaaaaaaaa';
const ANA = '+16505550100';
let clock = Date.parse('2026-12-01T12:00:00Z');
let seq = 0;
const reply = (patch: Partial<SmsActivity> = {}): SmsActivity =>
  sms({
    id: `acti_in${++seq}`,
    status: 'inbox',
    direction: 'inbound',
    text: 'Sounds good, Thursday works',
    remote_phone: ANA,
    lead_id: LEAD,
    contact_id: 'cont_ana',
    date_created: new Date(clock).toISOString(),
    ...patch,
  });

function setup(opts: { key?: boolean } = {}) {
  const feed: SmsActivity[] = [];
  const close = {
    listSms: vi.fn(async (_filter?: Record<string, unknown>) => ({ data: [...feed], has_more: false })),
    getLead: vi.fn(async (id: string) => ({
      id,
      display_name: 'Bayview Dental',
      contacts: [{ id: 'cont_ana', display_name: 'Ana Torres', phones: [] }],
    })),
    getSms: vi.fn(async (id: string) => sms({ id })),
    updateSms: vi.fn(async (id: string, patch: Partial<SmsActivity>) => sms({ id, ...patch })),
    deleteSms: vi.fn(async () => {}),
  };
  const poller = createReplyPoller({
    close: close as never,
    getMe: async () => ME,
    hasKey: async () => opts.key ?? true,
    now: () => clock,
  });
  const notify = vi.spyOn(fakeBrowser.notifications, 'create');
  return { feed, close, poller, notify };
}

const alarmIn = async () => {
  const alarm = await fakeBrowser.alarms.get(REPLY_ALARM);
  return alarm ? Math.round((alarm.scheduledTime - Date.now()) / 1000) * 1000 : null;
};

describe('following replies', () => {
  it('a new reply raises exactly one notification, counts on the badge, and is read once shown', async () => {
    const { feed, poller, notify, close } = setup();
    await poller.poll(); // first poll: sets the cursor
    feed.push(reply());
    await poller.poll();
    await poller.poll(); // the overlap rescan sees it again
    expect(notify).toHaveBeenCalledTimes(1);
    expect(notify).toHaveBeenCalledWith(
      `reply:lead:${LEAD}`,
      expect.objectContaining({ title: 'Ana Torres (Bayview Dental)', message: 'Sounds good, Thursday works' }),
    );
    expect(close.getLead).toHaveBeenCalledTimes(1); // the name, once: cached after
    expect(await fakeBrowser.action.getBadgeText({})).toBe('1');
    const read = await poller.markRead({ lead: LEAD });
    expect(read.map((r) => r.text)).toEqual(['Sounds good, Thursday works']);
    expect(await fakeBrowser.action.getBadgeText({})).toBe('');
    expect(await poller.markRead({ lead: LEAD })).toEqual([]);
  });

  it('asks Close for the rep’s SMS since a little before the newest seen, one request per poll', async () => {
    const { feed, poller, close } = setup();
    feed.push(reply());
    await poller.poll();
    expect(close.listSms).toHaveBeenCalledTimes(1);
    const filter = close.listSms.mock.calls[0]?.[0] ?? {};
    expect(filter).toMatchObject({ user_id: ME.id, _limit: 100 });
    expect(Date.parse(filter.date_created__gt as string)).toBe(clock - 2 * 60_000);
  });

  it('after signing in, replies count from then: the first poll minutes later still sees them', async () => {
    const { feed, poller, notify } = setup();
    await poller.start();
    clock += 4 * 60_000;
    feed.push(reply());
    clock += 60_000;
    await poller.poll();
    expect(notify).toHaveBeenCalledTimes(1);
  });

  it('ten replies in a burst: one notification', async () => {
    const { feed, poller, notify } = setup();
    await poller.poll();
    for (let i = 0; i < 10; i++) feed.push(reply({ text: `reply ${i}` }));
    await poller.poll();
    expect(notify).toHaveBeenCalledTimes(1);
    expect(await fakeBrowser.action.getBadgeText({})).toBe('10');
  });

  it('the badge shows failures before unread replies', async () => {
    const { feed, poller } = setup();
    await deliveryItem.setValue({
      tracked: {},
      failed: { acti_x: { id: 'acti_x', to: null, text: '', reason: 'r', at: 1 } },
    });
    await poller.poll();
    feed.push(reply(), reply());
    await poller.poll();
    expect(await fakeBrowser.action.getBadgeText({})).toBe('1');
    await deliveryItem.setValue({ tracked: {}, failed: {} });
    await poller.markRead({ to: '+19999999999' }); // nothing read: badge as it was
    await poller.start();
    expect(await fakeBrowser.action.getBadgeText({})).toBe('2');
  });

  it('a reply from a number on no contact, with HTML and 5,000 characters: titled by the number, kept as text', async () => {
    const { feed, poller, notify } = setup();
    await poller.poll();
    const body = `<img src=x onerror=alert(1)>${'a'.repeat(5000)}`;
    feed.push(reply({ lead_id: null, contact_id: null, remote_phone: '+13125550199', text: body }));
    await poller.poll();
    const [id, options] = (notify.mock.calls[0] ?? []) as unknown as [string, { title: string; message: string }];
    expect(id).toBe('reply:phone:+13125550199');
    expect(options.title).toBe('+13125550199');
    expect(options.message).toMatch(/^<img src=x onerror=alert\(1\)>a+…$/);
    expect(options.message.length).toBe(180);
  });

  it('a 2 MB page of texts: no crash, each reply kept short', async () => {
    const { feed, poller } = setup();
    await poller.poll();
    for (let i = 0; i < 100; i++)
      feed.push(reply({ text: 'x'.repeat(20_000), lead_id: null, remote_phone: `+1312555${1000 + i}` }));
    await poller.poll();
    const state = await replyItem.getValue();
    expect(Object.keys(state.unread)).toHaveLength(100);
    expect(Object.values(state.unread).every((r) => r.text.length === 500)).toBe(true);
  });

  it('only the rep’s inbound texts count: their own outbound and drafts do not', async () => {
    const { feed, poller, notify } = setup();
    await poller.poll();
    feed.push(
      sms({ id: 'acti_out', status: 'sent', direction: 'outbound', date_created: new Date(clock).toISOString() }),
    );
    await poller.poll();
    expect(notify).not.toHaveBeenCalled();
  });
});

describe('polling: schedule, backoff, one at a time', () => {
  it('polls every 30 s after a text went out, every 5 minutes when idle', async () => {
    const { poller } = setup();
    await poller.poll();
    expect(await alarmIn()).toBe(IDLE_MS);
    await poller.sent({ to: ANA, mode: 'send' } as SendRequest, { id: 'acti_s', status: 'outbox' } as never);
    expect(await alarmIn()).toBe(ACTIVE_MS);
  });

  it('backs off while Close answers 429 or 500, then resumes without notifying twice', async () => {
    const { feed, poller, close, notify } = setup();
    await poller.poll();
    feed.push(reply());
    close.listSms.mockRejectedValueOnce(new CloseApiError('rate-limited', 'slow down', { retryAfterMs: 120_000 }));
    await poller.poll();
    expect(await alarmIn()).toBe(2 * IDLE_MS);
    close.listSms.mockRejectedValueOnce(new CloseApiError('server', 'Close had a problem (500).'));
    await poller.poll();
    expect(await alarmIn()).toBe(4 * IDLE_MS);
    expect((await replyItem.getValue()).failures).toBe(2);
    await poller.poll();
    await poller.poll();
    expect(notify).toHaveBeenCalledTimes(1);
    expect(await alarmIn()).toBe(ACTIVE_MS); // the reply made the conversation recent
  });

  it('never runs two polls at once', async () => {
    const { poller, close } = setup();
    let release: () => void = () => {};
    close.listSms.mockImplementationOnce(
      () => new Promise((resolve) => (release = () => resolve({ data: [], has_more: false }))),
    );
    const a = poller.poll();
    const b = poller.poll();
    await vi.waitFor(() => expect(close.listSms).toHaveBeenCalledTimes(1));
    release();
    await Promise.all([a, b]);
    expect(close.listSms).toHaveBeenCalledTimes(1);
  });

  it('does not poll, and forgets the account’s replies, when signed out', async () => {
    const { poller, close } = setup({ key: false });
    await replyItem.setValue({ ...(await replyItem.getValue()), userId: 'user_old', seen: ['x'] });
    await fakeBrowser.alarms.create(REPLY_ALARM, { delayInMinutes: 1 });
    await poller.poll();
    expect(close.listSms).not.toHaveBeenCalled();
    expect(await fakeBrowser.alarms.get(REPLY_ALARM)).toBeUndefined();
    expect((await replyItem.getValue()).seen).toEqual([]);
    await poller.start();
    expect(await fakeBrowser.alarms.get(REPLY_ALARM)).toBeUndefined();
  });
});

describe('cancel if they reply', () => {
  const scheduledFor = () => new Date(clock + 86_400_000).toISOString();
  const request = (cancelIfReply: boolean) =>
    ({ mode: 'schedule', to: ANA, leadId: LEAD, contactId: 'cont_ana', cancelIfReply }) as SendRequest;

  /** A "cancel if they reply" follow-up scheduled from the extension; Close now holds `textInClose`; Ana replies. */
  async function followUpThenReply(textInClose: string) {
    const h = setup();
    const when = scheduledFor();
    h.close.getSms.mockImplementation(async (id) =>
      sms({ id, status: 'scheduled', text: textInClose, date_scheduled: when }),
    );
    await h.poller.poll();
    await h.poller.sent(request(true), {
      id: 'acti_f',
      status: 'scheduled',
      text: 'Any questions?',
      dateScheduled: when,
    } as never);
    h.feed.push(reply());
    await h.poller.poll();
    return h;
  }

  it('a reply before the follow-up’s time puts it back to draft through the safe edit, and says so', async () => {
    const { poller, close, notify } = await followUpThenReply('Any questions?');
    expect(close.updateSms).toHaveBeenCalledWith('acti_f', { status: 'draft' });
    expect(notify).toHaveBeenCalledWith(
      'held:acti_f',
      expect.objectContaining({ title: 'Follow-up held: Ana Torres replied' }),
    );
    expect(await poller.held()).toEqual({ acti_f: 'Ana Torres' });
    // Listed as a draft: still held. Sent since (not a draft in the list): no longer.
    expect(await poller.held([{ id: 'acti_f', status: 'draft' }])).toEqual({ acti_f: 'Ana Torres' });
    expect(await poller.held([{ id: 'acti_f', status: 'sent' }])).toEqual({});
  });

  it('a follow-up changed in Close since it was scheduled is left alone, and the rep is told', async () => {
    const { close, notify } = await followUpThenReply('Edited in Close');
    expect(close.updateSms).not.toHaveBeenCalled();
    expect(notify).toHaveBeenCalledWith(
      'held:acti_f',
      expect.objectContaining({ title: 'Ana Torres replied; the follow-up was not held' }),
    );
  });

  it('without the tick, a reply leaves the follow-up scheduled', async () => {
    const { feed, poller, close } = setup();
    await poller.poll();
    await poller.sent(request(false), {
      id: 'acti_f',
      status: 'scheduled',
      text: 'x',
      dateScheduled: scheduledFor(),
    } as never);
    feed.push(reply());
    await poller.poll();
    expect(close.getSms).not.toHaveBeenCalled();
  });
});

describe('clicking a notification', () => {
  it('opens compose on that conversation, for the number that replied', async () => {
    const { feed, poller } = setup();
    await poller.poll();
    feed.push(reply());
    await poller.poll();
    const windows = vi.spyOn(fakeBrowser.windows, 'create').mockResolvedValue({ id: 9 } as never);
    expect(await poller.clicked(`reply:lead:${LEAD}`)).toBe(true);
    const url = String((windows.mock.calls[0]?.[0] as { url?: string } | undefined)?.url);
    expect(new URL(url).searchParams.get('lead')).toBe(LEAD);
    expect(new URL(url).searchParams.get('to')).toBe(ANA);
    expect(await poller.clicked('failed:acti_1')).toBe(false);
  });
});
