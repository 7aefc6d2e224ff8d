/**
 * The one writer of the toolbar badge: it reads both stored states (delivery and replies) each time, so a
 * change to either shows the combined count (lib/sms/badge.ts decides which count wins).
 */
import { badgeFor } from '../sms/badge';
import { deliveryCounts } from '../sms/delivery-state';
import { deliveryItem, replyItem } from '../storage';

export async function refreshBadge(): Promise<void> {
  const [delivery, replies] = await Promise.all([deliveryItem.getValue(), replyItem.getValue()]);
  const badge = badgeFor({ ...deliveryCounts(delivery), unread: Object.keys(replies.unread).length });
  await browser.action.setBadgeText({ text: badge.text });
  await browser.action.setBadgeBackgroundColor({ color: badge.color });
  await browser.action.setTitle({ title: badge.title });
}
