/**
 * The conversation the composer shows: Close's latest texts with the lead, oldest first like a chat, with the
 * replies that were unread until now marked "new". Replies the poller saw but Close's page of the thread does
 * not hold (a number with no lead, or older than the page) are added, so a reply is never marked read unseen.
 */
import type { SmsSummary, ThreadReply } from '../protocol';

export interface ThreadItem {
  id: string;
  inbound: boolean;
  text: string;
  /** "Received", or the outbound text's status. */
  label: string;
  when: string | null;
  unread: boolean;
}

export function threadView(newestFirst: readonly SmsSummary[], justRead: readonly ThreadReply[]): ThreadItem[] {
  const unread = new Set(justRead.map((r) => r.id));
  const items: ThreadItem[] = newestFirst.map((m) => ({
    id: m.id,
    inbound: m.direction === 'inbound',
    text: m.text,
    label: m.direction === 'inbound' ? 'Received' : m.status,
    when: m.dateSent ?? m.dateScheduled ?? m.dateCreated,
    unread: unread.has(m.id),
  }));
  for (const r of justRead) {
    if (items.some((i) => i.id === r.id)) continue;
    items.push({ id: r.id, inbound: true, text: r.text, label: 'Received', when: r.dateCreated, unread: true });
  }
  const at = (i: ThreadItem) => (i.when ? Date.parse(i.when) : 0);
  return items.sort((a, b) => at(a) - at(b));
}

/** "2 new replies" for the thread's heading, or null when nothing was unread. */
export function unreadSummary(items: readonly ThreadItem[]): string | null {
  const n = items.filter((i) => i.unread).length;
  return n ? `${n} new ${n === 1 ? 'reply' : 'replies'}` : null;
}
