import { describe, expect, it } from 'vitest';
import { oneLine, replyNotifications, senderName, targetOfNotification } from './reply-notifications';
import type { UnreadReply } from './reply-state';

const LEAD_A = 'lead_aaaaaaaaaaaaaaaaaaaaaaaa';
const LEAD_B = 'lead_bbbbbbbbbbbbbbbbbbbbbbbb';
let n = 0;
const reply = (from: string, leadId: string | null, text: string, phone = '+16505550100'): UnreadReply => ({
  id: `acti_${++n}`,
  text,
  from,
  leadId,
  contactId: null,
  remotePhone: phone,
  dateCreated: new Date(Date.UTC(2026, 11, 1, 12, 0, n)).toISOString(),
});

describe('reply notifications', () => {
  it('one reply: the sender as title, the text as message, under an id of the conversation', () => {
    expect(replyNotifications([reply('Ana Torres (Bayview Dental)', LEAD_A, 'Sounds good, Thursday works')])).toEqual([
      { id: `reply:lead:${LEAD_A}`, title: 'Ana Torres (Bayview Dental)', message: 'Sounds good, Thursday works' },
    ]);
  });

  it('ten replies from one contact: one notification, not ten', () => {
    const burst = Array.from({ length: 10 }, (_, i) => reply('Ana Torres', LEAD_A, `text ${i}`));
    const plans = replyNotifications(burst);
    expect(plans).toHaveLength(1);
    expect(plans[0]?.message).toBe('10 new texts. Latest: text 9');
  });

  it('replies from several conversations: one summary naming two and the rest as …', () => {
    const plans = replyNotifications([
      reply('Ana Torres', LEAD_A, 'a'),
      reply('Ben Carter', LEAD_B, 'b'),
      reply('+1 312-555-0199', null, 'c', '+13125550199'),
    ]);
    expect(plans).toEqual([
      {
        id: 'replies:phone:+13125550199',
        title: '3 replies: +1 312-555-0199, Ben Carter, …',
        message: '+1 312-555-0199: c',
      },
    ]);
  });

  it('nothing new, nothing raised', () => {
    expect(replyNotifications([])).toEqual([]);
  });

  it('a 5,000-character reply becomes one short line', () => {
    const line = oneLine(`${'x'.repeat(5000)}`);
    expect(line).toHaveLength(180);
    expect(line.endsWith('…')).toBe(true);
    expect(oneLine('  two\n\nlines\t here ')).toBe('two lines here');
  });

  it.each([
    [`reply:lead:${LEAD_A}`, { lead: LEAD_A }],
    [`replies:lead:${LEAD_A}`, { lead: LEAD_A }],
    ['reply:phone:+16505550100', { to: '+16505550100' }],
    ['failed:acti_1', null],
    ['held:acti_1', null],
    ['reply:', null],
  ])('notification %s opens %o', (id, target) => {
    expect(targetOfNotification(id)).toEqual(target);
  });

  it.each([
    ['Ana Torres', 'Bayview Dental', '+1', 'Ana Torres (Bayview Dental)'],
    ['Ana Torres', null, '+1', 'Ana Torres'],
    [null, 'Bayview Dental', '+1', 'Bayview Dental'],
    ['Bayview Dental', 'Bayview Dental', '+1', 'Bayview Dental'],
    [null, null, '+1 650-555-0100', '+1 650-555-0100'],
    ['  ', null, null, 'Unknown number'],
  ])('sender %s of %s (%s) → %s', (contact, lead, phone, expected) => {
    expect(senderName(contact, lead, phone)).toBe(expected);
  });
});
