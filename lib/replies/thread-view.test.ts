import { describe, expect, it } from 'vitest';
import type { SmsSummary } from '../protocol';
import { threadView, unreadSummary } from './thread-view';

const sms = (id: string, direction: string, at: string, status = 'sent'): SmsSummary => ({
  id,
  status: direction === 'inbound' ? 'inbox' : status,
  direction,
  text: id,
  remotePhone: '+16505550100',
  localPhone: '+14155550199',
  leadId: 'lead_a',
  contactId: null,
  dateCreated: at,
  dateScheduled: null,
  dateSent: null,
  errorMessage: null,
});

describe('the thread', () => {
  it('is oldest first, both ways, with only the just-read replies marked new', () => {
    const items = threadView(
      [
        sms('r2', 'inbound', '2026-12-01T10:03:00Z'),
        sms('o1', 'outbound', '2026-12-01T10:02:00Z'),
        sms('r1', 'inbound', '2026-12-01T10:01:00Z'),
      ],
      [{ id: 'r2', text: 'r2', dateCreated: '2026-12-01T10:03:00Z' }],
    );
    expect(items.map((i) => [i.id, i.inbound, i.label, i.unread])).toEqual([
      ['r1', true, 'Received', false],
      ['o1', false, 'sent', false],
      ['r2', true, 'Received', true],
    ]);
    expect(unreadSummary(items)).toBe('1 new reply');
  });

  it('adds replies Close’s page did not hold (a number with no lead), so none is marked read unseen', () => {
    const items = threadView(
      [],
      [
        { id: 'x', text: 'who is this?', dateCreated: '2026-12-01T10:00:00Z' },
        { id: 'y', text: 'hello?', dateCreated: '2026-12-01T10:01:00Z' },
      ],
    );
    expect(items.map((i) => i.text)).toEqual(['who is this?', 'hello?']);
    expect(unreadSummary(items)).toBe('2 new replies');
  });

  it('says nothing when nothing was unread', () => {
    expect(unreadSummary(threadView([sms('o1', 'outbound', '2026-12-01T10:00:00Z')], []))).toBeNull();
  });
});
