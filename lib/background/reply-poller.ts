/**
 * Follows replies to the rep. Close cannot push to an extension (webhooks need a server), so an alarm polls.
 *
 * The feed: `GET /activity/sms/?user_id=<rep>&date_created__gt=<cursor − 2 min>&_fields=…`, one request per
 * poll, filtered here to direction `inbound`, status `inbox` (Close documents no status or direction filter on
 * this list, close-api.md §1.2). Chosen over the event log (`GET /event/?user_id=…&object_type=activity.sms`):
 * the event log also carries every update of the rep's own texts (outbox → sent, edits), pages at most 50,
 * and its events need a second read for the text; the SMS list answers "what arrived since" in one request,
 * with the text, and is empty when nothing happened. Both are GET groups; the SMS list shares `GET /activity/`
 * with delivery checks and the queue, which is far from its limit at one request per 30 s.
 *
 * The schedule (lib/replies/poll-schedule.ts): every 30 s for an hour after the rep's last text or the last
 * reply, else every 5 minutes; after a failed poll (429, 5xx, offline) the period doubles up to 30 minutes.
 * Never two polls at once; nothing at all while signed out. Each poll re-arms its alarm before it starts, so a
 * worker stopped mid-poll still polls again.
 */
import type { CloseClient } from '../close/client';
import { isCloseApiError } from '../close/errors';
import type { SmsActivity } from '../close/schemas';
import type { SendRequest, SmsSummary, ThreadReply } from '../protocol';
import { nextPollInMs } from '../replies/poll-schedule';
import { replyNotifications, senderName, targetOfNotification } from '../replies/reply-notifications';
import {
  applyPoll,
  EMPTY_REPLIES,
  forgetHeld,
  type InboundSms,
  markThreadRead,
  noteActivity,
  noteFailure,
  type PollOutcome,
  type ReplyState,
  recordHeld,
  unreadIn,
  watchForReply,
} from '../replies/reply-state';
import { serialized } from '../serialized';
import { editQueued } from '../sms/edit-queued';
import { caches, type LeadNames, replyItem } from '../storage';
import { refreshBadge } from './badge';
import { openCompose } from './compose-opener';
import type { Handlers } from './message-gate';

export const REPLY_ALARM = 'reply-poll';
/** Close's SMS list is scanned again from a little before the newest SMS seen: late writes are not missed. */
const OVERLAP_MS = 2 * 60_000;
/** The very first poll looks back this far: replies from before signing in are not "new". */
const FIRST_LOOKBACK_MS = 2 * 60_000;
/** A burst of more than 300 texts in one period is read over several polls. */
const MAX_PAGES = 3;
const PAGE_LIMIT = 100;
/** Lead names fetched per poll for notifications; more wait for the next poll's cache. */
const MAX_NAME_LOOKUPS = 10;
const SMS_FIELDS = ['direction', 'text', 'remote_phone', 'remote_phone_formatted', 'lead_id', 'contact_id'];

export type ReplyClose = Pick<CloseClient, 'listSms' | 'getLead' | 'getSms' | 'updateSms' | 'deleteSms'>;

export interface ReplyPollerDeps {
  close: ReplyClose;
  getMe(): Promise<{ id: string }>;
  hasKey(): Promise<boolean>;
  now?: () => number;
}

export interface ReplyPoller {
  /** One poll; a call while one runs joins it. */
  poll(): Promise<void>;
  /** Signed in, browser started: make sure a poll is coming. */
  start(): Promise<void>;
  /** Signed out: no more polls, and the replies of that account are forgotten. */
  stop(): Promise<void>;
  /** After a text went out from the extension: poll often for a while; watch a "cancel if they reply" follow-up. */
  sent(req: SendRequest, sms: SmsSummary): Promise<void>;
  /** The rep has the conversation in front of them: returns the replies that were unread, now read. */
  markRead(target: { lead?: string; to?: string }): Promise<ThreadReply[]>;
  /** A click on one of our notifications; false when the id is not ours. */
  clicked(notificationId: string): Promise<boolean>;
  /**
   * Held follow-ups (SMS id → who replied), for Drafts & scheduled. Given the whole list, a held text that is
   * no longer a draft there (sent, rescheduled, deleted in Close) is forgotten.
   */
  held(rows?: readonly { id: string; status: string }[]): Promise<Record<string, string>>;
}

export function createReplyPoller({ close, getMe, hasKey, now = Date.now }: ReplyPollerDeps): ReplyPoller {
  const inOrder = serialized();
  let inFlight: Promise<void> | null = null;

  function update(change: (state: ReplyState) => ReplyState): Promise<ReplyState> {
    return inOrder(async () => {
      const next = change(await replyItem.getValue());
      await replyItem.setValue(next);
      return next;
    });
  }

  async function arm(delayMs: number): Promise<void> {
    await browser.alarms.create(REPLY_ALARM, { delayInMinutes: delayMs / 60_000 });
  }

  async function leadNames(leadIds: string[]): Promise<Record<string, LeadNames>> {
    const names = (await caches.leadNames.getValue())?.value ?? {};
    const missing = [...new Set(leadIds)].filter((id) => !names[id]).slice(0, MAX_NAME_LOOKUPS);
    if (!missing.length) return names;
    const leads = await Promise.all(missing.map((id) => close.getLead(id).catch(() => null)));
    for (const lead of leads) {
      if (!lead) continue;
      const contacts = Object.fromEntries(lead.contacts.map((c) => [c.id, c.display_name || c.name || '']));
      names[lead.id] = { name: lead.display_name, contacts };
    }
    await caches.leadNames.setValue({ value: names, savedAt: now() });
    return names;
  }

  async function fetchSince(userId: string, since: number): Promise<SmsActivity[]> {
    const found: SmsActivity[] = [];
    for (let page = 0; page < MAX_PAGES; page++) {
      const res = await close.listSms({
        user_id: userId,
        date_created__gt: new Date(since).toISOString(),
        _limit: PAGE_LIMIT,
        _skip: found.length,
        _fields: SMS_FIELDS,
      });
      found.push(...res.data);
      if (!res.has_more || !res.data.length) break;
    }
    return found;
  }

  async function pollOnce(): Promise<void> {
    if (!(await hasKey())) {
      await stop();
      return;
    }
    let state = await replyItem.getValue();
    // Armed first: if the worker is stopped during this poll, the alarm still brings the next one.
    await arm(nextPollInMs(noteFailure(state), now()));
    let userId: string;
    let found: SmsActivity[];
    try {
      userId = state.userId ?? (await getMe()).id;
      if (state.userId !== userId) state = await update((s) => ({ ...EMPTY_REPLIES, userId, cursor: s.cursor }));
      const since = state.cursor ? Date.parse(state.cursor) - OVERLAP_MS : now() - FIRST_LOOKBACK_MS;
      found = await fetchSince(userId, since);
    } catch (e) {
      const failed = await update(noteFailure);
      const retryAfter = isCloseApiError(e) ? (e.retryAfterMs ?? 0) : 0;
      if (isCloseApiError(e) && (e.kind === 'unauthorized' || e.kind === 'no-key')) return stop();
      await arm(nextPollInMs(failed, now(), retryAfter));
      return;
    }
    const inbound = found.filter((s) => s.direction === 'inbound' && s.status === 'inbox').map(toInbound);
    const known = new Set([...state.seen, ...Object.keys(state.unread)]);
    const names = await leadNames(inbound.filter((s) => !known.has(s.id) && s.leadId).map((s) => s.leadId as string));
    const nameOf = (sms: InboundSms) => {
      const lead = sms.leadId ? names[sms.leadId] : undefined;
      const contact = (sms.contactId && lead?.contacts[sms.contactId]) || null;
      const formatted = found.find((s) => s.id === sms.id)?.remote_phone_formatted ?? sms.remotePhone;
      return senderName(contact, lead?.name ?? null, formatted ?? null);
    };
    const newest = found.reduce<string | null>(
      (max, s) => (!max || Date.parse(s.date_created) > Date.parse(max) ? s.date_created : max),
      null,
    );
    let outcome: PollOutcome | undefined;
    const next = await update((current) => {
      outcome = applyPoll(current, inbound, newest, nameOf, now());
      return outcome.state;
    });
    if (!outcome) return;
    const { fresh, toHold } = outcome;
    for (const plan of replyNotifications(fresh)) {
      await browser.notifications.create(plan.id, {
        type: 'basic',
        iconUrl: browser.runtime.getURL('/icon/128.png'),
        title: plan.title,
        message: plan.message,
      });
    }
    for (const { watch, reply } of toHold) await hold(watch, reply.from);
    await refreshBadge();
    await arm(nextPollInMs(next, now()));
  }

  /** Back to draft through the queue's safe edit: a text changed in Close since it was scheduled is left alone. */
  async function hold(watch: ReplyState['holds'][string], by: string): Promise<void> {
    const outcome = await editQueued(
      { get: close.getSms, update: close.updateSms, remove: close.deleteSms, now },
      watch.smsId,
      { status: 'scheduled', text: watch.text, dateScheduled: watch.dateScheduled },
      { kind: 'cancel' },
    );
    const who = by.replace(/\s*\(.*\)$/, '');
    if (outcome.ok) await update((s) => recordHeld(s, { smsId: watch.smsId, by: who, at: now() }));
    await browser.notifications.create(`held:${watch.smsId}`, {
      type: 'basic',
      iconUrl: browser.runtime.getURL('/icon/128.png'),
      title: outcome.ok ? `Follow-up held: ${who} replied` : `${who} replied; the follow-up was not held`,
      message: outcome.ok
        ? `Your scheduled text is a draft again: “${watch.text.slice(0, 120)}”`
        : `${outcome.message} Check Drafts & scheduled.`,
    });
  }

  function poll(): Promise<void> {
    inFlight ??= pollOnce()
      .catch((e) => console.error('[close-sms] reply poll failed', e))
      .finally(() => {
        inFlight = null;
      });
    return inFlight;
  }

  async function start(): Promise<void> {
    if (!(await hasKey())) return;
    // Replies count from now: the first poll, minutes later, must not miss what arrived meanwhile.
    await update((s) => (s.cursor ? s : { ...s, cursor: new Date(now() - FIRST_LOOKBACK_MS).toISOString() }));
    const alarm = await browser.alarms.get(REPLY_ALARM);
    const soon = now() + nextPollInMs(await replyItem.getValue(), now());
    if (!alarm || alarm.scheduledTime > soon) await arm(soon - now());
    await refreshBadge();
  }

  async function stop(): Promise<void> {
    await browser.alarms.clear(REPLY_ALARM);
    await inOrder(() => replyItem.setValue(EMPTY_REPLIES));
    await refreshBadge();
  }

  async function sent(req: SendRequest, sms: SmsSummary): Promise<void> {
    const at = now();
    await update((state) => {
      const active = noteActivity(state, at);
      if (!(req.cancelIfReply && sms.status === 'scheduled' && sms.dateScheduled)) return active;
      const watch = {
        smsId: sms.id,
        phone: req.to,
        leadId: req.leadId,
        contactId: req.contactId,
        text: sms.text,
        dateScheduled: sms.dateScheduled,
      };
      return watchForReply(active, watch, at);
    });
    await start();
  }

  async function markRead(target: { lead?: string; to?: string }): Promise<ThreadReply[]> {
    const keys = [target.lead ? `lead:${target.lead}` : '', target.to ? `phone:${target.to}` : ''].filter(Boolean);
    let read: ThreadReply[] = [];
    await update((state) => {
      read = keys
        .flatMap((key) => unreadIn(state, key))
        .map((r) => ({ id: r.id, text: r.text, dateCreated: r.dateCreated }));
      return keys.reduce(markThreadRead, state);
    });
    if (read.length) {
      await refreshBadge();
      for (const key of keys) {
        await browser.notifications.clear(`reply:${key}`);
        await browser.notifications.clear(`replies:${key}`);
      }
    }
    return read;
  }

  async function clicked(id: string): Promise<boolean> {
    if (id.startsWith('held:')) {
      await browser.notifications.clear(id);
      await browser.windows.create({
        url: browser.runtime.getURL('/popup.html?view=queue' as '/popup.html'),
        type: 'popup',
        width: 420,
        height: 680,
      });
      return true;
    }
    const target = targetOfNotification(id);
    if (!target) return false;
    await browser.notifications.clear(id);
    // The number the reply came from, so compose picks that contact of the lead.
    const key = target.lead ? `lead:${target.lead}` : `phone:${target.to}`;
    const latest = unreadIn(await replyItem.getValue(), key).at(-1);
    await openCompose({ ...target, ...(latest?.remotePhone ? { to: latest.remotePhone } : {}) });
    return true;
  }

  async function held(rows?: readonly { id: string; status: string }[]): Promise<Record<string, string>> {
    const state = rows
      ? await update((s) =>
          forgetHeld(
            s,
            Object.keys(s.held).filter((id) => !rows.some((r) => r.id === id && r.status === 'draft')),
          ),
        )
      : await replyItem.getValue();
    return Object.fromEntries(Object.values(state.held).map((h) => [h.smsId, h.by]));
  }

  return { poll, start, stop, sent, markRead, clicked, held };
}

function toInbound(sms: SmsActivity): InboundSms {
  return {
    id: sms.id,
    text: sms.text ?? '',
    remotePhone: sms.remote_phone ?? null,
    leadId: sms.lead_id ?? null,
    contactId: sms.contact_id ?? null,
    dateCreated: sms.date_created,
  };
}

export function replyHandlers(poller: ReplyPoller): Pick<Handlers, 'markThreadRead'> {
  return { markThreadRead: (target) => poller.markRead(target) };
}

export function setupReplyEvents(poller: ReplyPoller): void {
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === REPLY_ALARM) void poller.poll();
  });
  browser.runtime.onStartup.addListener(() => void poller.start());
  browser.runtime.onInstalled.addListener(() => void poller.start());
  browser.notifications.onClicked.addListener((id) => void poller.clicked(id));
}
