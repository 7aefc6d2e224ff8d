import { describe, expect, it } from 'vitest';
import { BADGE_COLORS, badgeFor } from './badge';

describe('the toolbar badge: one count, failures first, then unread replies, then scheduled texts', () => {
  it.each([
    // failed, unread, scheduled → text, colour
    [0, 0, 0, '', BADGE_COLORS.scheduled],
    [0, 0, 2, '2', BADGE_COLORS.scheduled],
    [0, 3, 0, '3', BADGE_COLORS.unread],
    [0, 3, 2, '3', BADGE_COLORS.unread],
    [1, 0, 0, '1', BADGE_COLORS.failed],
    [1, 3, 2, '1', BADGE_COLORS.failed],
    [0, 120, 0, '99+', BADGE_COLORS.unread],
  ])('failed %i, unread %i, scheduled %i → "%s"', (failed, unread, scheduled, text, color) => {
    expect(badgeFor({ failed, unread, scheduled })).toMatchObject({ text, color });
  });

  it('spells out every count in the title, whichever wins the badge', () => {
    expect(badgeFor({ failed: 1, unread: 2, scheduled: 3 }).title).toBe(
      'Text with Close: 1 failed, 2 unread replies, 3 scheduled',
    );
    expect(badgeFor({ failed: 0, unread: 1, scheduled: 0 }).title).toBe('Text with Close: 1 unread reply');
    expect(badgeFor({ failed: 0, unread: 0, scheduled: 0 }).title).toBe('Text with Close');
  });
});
