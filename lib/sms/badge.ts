/**
 * The toolbar badge, one number with one meaning at a time, in order of what needs the rep most:
 * 1. failed texts (red): a customer did not get a text, the rep must act;
 * 2. unread replies (green): a customer is waiting for an answer;
 * 3. scheduled texts (blue): informational, nothing to do.
 * Summing them would make "3" unreadable (three failures? three replies?); the colour tells which count it is,
 * and the title spells out all three.
 */
export interface BadgeCounts {
  failed: number;
  unread: number;
  scheduled: number;
}

export interface Badge {
  text: string;
  color: string;
  title: string;
}

export const BADGE_COLORS = { failed: '#b91c1c', unread: '#15803d', scheduled: '#2563eb' } as const;

/** Badges hold about four characters; past 99 the exact count does not change what the rep does. */
const count = (n: number) => (n > 99 ? '99+' : String(n));

export function badgeFor({ failed, unread, scheduled }: BadgeCounts): Badge {
  const parts = [
    failed ? `${failed} failed` : '',
    unread ? `${unread} unread ${unread === 1 ? 'reply' : 'replies'}` : '',
    scheduled ? `${scheduled} scheduled` : '',
  ].filter(Boolean);
  const title = parts.length ? `Text with Close: ${parts.join(', ')}` : 'Text with Close';
  if (failed) return { text: count(failed), color: BADGE_COLORS.failed, title };
  if (unread) return { text: count(unread), color: BADGE_COLORS.unread, title };
  return { text: scheduled ? count(scheduled) : '', color: BADGE_COLORS.scheduled, title };
}
