import { describe, expect, it } from 'vitest';
import {
  applyPoll,
  EMPTY_REPLIES,
  type InboundSms,
  markThreadRead,
  threadKey,
  unreadIn,
  watchForReply,
} from './reply-state';

const NOW = Date.parse('2026-12-01T12:00:00Z');
const LEAD = 'lead_aaaaaaaaaaaaaaaaaaaaaaaa';
const inbound = (id: string, patch: Partial<InboundSms> = {}): InboundSms => ({
  id,
  text: `text ${id}`,
  remotePhone: '+16505550100',
  leadId: LEAD,
  contactId: 'cont_ana',
  dateCreated: '2026-12-01T11:59:00Z',
  ...patch,
});
const name = () => 'Ana Torres';
const watch = (dateScheduled: string) => ({
  smsId: 'acti_follow',
  phone: '+16505550100',
  leadId: LEAD,
  contactId: 'cont_ana',
  text: 'Following up',
  dateScheduled,
});

describe('a poll’s answer applied', () => {
  it('a new reply is unread once, and seen again (the rescan overlap) it is not new', () => {
    const first = applyPoll(EMPTY_REPLIES, [inbound('acti_1')], '2026-12-01T11:59:00Z', name, NOW);
    expect(first.fresh.map((r) => [r.id, r.from])).toEqual([['acti_1', 'Ana Torres']]);
    expect(Object.keys(first.state.unread)).toEqual(['acti_1']);
    expect(first.state.lastActivityAt).toBe(NOW);
    const again = applyPoll(first.state, [inbound('acti_1')], '2026-12-01T11:59:00Z', name, NOW + 30_000);
    expect(again.fresh).toEqual([]);
    // Read, then seen again by a rescan: still not new.
    const read = markThreadRead(first.state, `lead:${LEAD}`);
    expect(applyPoll(read, [inbound('acti_1')], null, name, NOW).fresh).toEqual([]);
  });

  it('the same id twice in one answer (a page shifted while paging) is one reply', () => {
    expect(applyPoll(EMPTY_REPLIES, [inbound('a'), inbound('a')], null, name, NOW).fresh).toHaveLength(1);
  });

  it('fresh replies come oldest first; the cursor only moves forward', () => {
    const out = applyPoll(
      { ...EMPTY_REPLIES, cursor: '2026-12-01T11:58:00Z' },
      [inbound('b', { dateCreated: '2026-12-01T11:59:30Z' }), inbound('a', { dateCreated: '2026-12-01T11:59:00Z' })],
      '2026-12-01T11:59:30Z',
      name,
      NOW,
    );
    expect(out.fresh.map((r) => r.id)).toEqual(['a', 'b']);
    expect(out.state.cursor).toBe('2026-12-01T11:59:30Z');
    expect(applyPoll(out.state, [], '2026-12-01T11:00:00Z', name, NOW).state.cursor).toBe('2026-12-01T11:59:30Z');
    expect(applyPoll(out.state, [], null, name, NOW).state.cursor).toBe('2026-12-01T11:59:30Z');
  });

  it('keeps at most 500 characters of a 5,000-character reply', () => {
    const out = applyPoll(EMPTY_REPLIES, [inbound('a', { text: 'x'.repeat(5000) })], null, name, NOW);
    expect(out.state.unread.a?.text).toHaveLength(500);
  });

  it('a reply from a number on no lead is its own conversation', () => {
    const stranger = inbound('s', { leadId: null, contactId: null, remotePhone: '+13125550199' });
    const out = applyPoll(EMPTY_REPLIES, [stranger], null, () => '+1 312-555-0199', NOW);
    expect(threadKey(stranger)).toBe('phone:+13125550199');
    expect(unreadIn(out.state, 'phone:+13125550199')).toHaveLength(1);
  });

  it('resets the failure count after a good poll', () => {
    expect(applyPoll({ ...EMPTY_REPLIES, failures: 4 }, [], null, name, NOW).state.failures).toBe(0);
  });
});

describe('cancel if they reply', () => {
  it.each([
    ['a reply from the number before the follow-up’s time holds it', {}, '2026-12-02T09:00:00Z', true],
    [
      'a reply from the same contact on another number holds it',
      { remotePhone: '+16505550999' },
      '2026-12-02T09:00:00Z',
      true,
    ],
    [
      'a reply from someone else does not',
      { remotePhone: '+13125550199', contactId: 'cont_ben', leadId: null },
      '2026-12-02T09:00:00Z',
      false,
    ],
    [
      'a reply after the follow-up’s time does not',
      { dateCreated: '2026-12-02T09:30:00Z' },
      '2026-12-02T09:00:00Z',
      false,
    ],
  ])('%s', (_name, patch, at, holds) => {
    const state = watchForReply(EMPTY_REPLIES, watch(at), NOW - 1000);
    const out = applyPoll(state, [inbound('r', patch)], null, name, Date.parse('2026-12-01T12:00:00Z'));
    expect(out.toHold.map((h) => h.watch.smsId)).toEqual(holds ? ['acti_follow'] : []);
    expect(Object.keys(out.state.holds)).toEqual(holds ? [] : ['acti_follow']);
  });

  it('stops watching a follow-up whose time has passed', () => {
    const state = watchForReply(EMPTY_REPLIES, watch('2026-12-01T11:00:00Z'), NOW - 3_600_000);
    expect(applyPoll(state, [], null, name, NOW).state.holds).toEqual({});
  });
});

describe('reading a thread', () => {
  it('reads only that conversation’s replies', () => {
    const out = applyPoll(
      EMPTY_REPLIES,
      [inbound('a'), inbound('b', { leadId: 'lead_other', remotePhone: '+13125550199' })],
      null,
      name,
      NOW,
    );
    const read = markThreadRead(out.state, `lead:${LEAD}`);
    expect(Object.keys(read.unread)).toEqual(['b']);
  });
});
