/**
 * Which notifications a poll's new replies raise. One conversation: one notification for it, under an id
 * of that conversation, so a second reply from Ana replaces the first rather than stacking ("grouped per
 * contact"). Several conversations in one poll: one summary ("3 replies: Ana Torres, Ben Carter, …")
 * instead of a notification each. Clicking opens compose on the conversation the id names.
 */
import { threadKey, type UnreadReply } from './reply-state';

export interface NotificationPlan {
  id: string;
  title: string;
  message: string;
}

const MAX_MESSAGE = 180;
const NAMES_IN_SUMMARY = 2;

/** One line of a text for a notification: whitespace folded, cut with an ellipsis. */
export function oneLine(text: string, max = MAX_MESSAGE): string {
  const folded = text.replace(/\s+/g, ' ').trim();
  return folded.length > max ? `${folded.slice(0, max - 1)}…` : folded;
}

export function replyNotifications(fresh: UnreadReply[]): NotificationPlan[] {
  if (!fresh.length) return [];
  const threads = new Map<string, UnreadReply[]>();
  for (const reply of fresh) threads.set(threadKey(reply), [...(threads.get(threadKey(reply)) ?? []), reply]);
  const newest = fresh[fresh.length - 1] as UnreadReply;
  if (threads.size === 1) {
    const count = fresh.length;
    return [
      {
        id: `reply:${threadKey(newest)}`,
        title: newest.from,
        message: count > 1 ? `${count} new texts. Latest: ${oneLine(newest.text)}` : oneLine(newest.text),
      },
    ];
  }
  // Names newest conversation first; the click opens the newest one.
  const names = [...threads.values()].reverse().map((replies) => (replies[0] as UnreadReply).from);
  const shown = names.slice(0, NAMES_IN_SUMMARY).join(', ');
  return [
    {
      id: `replies:${threadKey(newest)}`,
      title: `${fresh.length} replies: ${shown}${names.length > NAMES_IN_SUMMARY ? ', …' : ''}`,
      message: `${newest.from}: ${oneLine(newest.text)}`,
    },
  ];
}

/** The conversation a reply notification opens, from its id; null for ids that are not ours. */
export function targetOfNotification(id: string): { lead?: string; to?: string } | null {
  const m = /^(?:reply|replies):(lead|phone):(.+)$/.exec(id);
  if (!m) return null;
  return m[1] === 'lead' ? { lead: m[2] as string } : { to: m[2] as string };
}

/** "Ana Torres (Bayview Dental)", or whichever part is known, or the number. */
export function senderName(contact: string | null, lead: string | null, phone: string | null): string {
  const who = contact?.trim() || null;
  const company = lead?.trim() || null;
  if (who && company && who !== company) return `${who} (${company})`;
  return who ?? company ?? phone ?? 'Unknown number';
}
