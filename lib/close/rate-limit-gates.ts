/**
 * Close limits requests per endpoint group (path + method), so one exhausted group
 * must not hold back the others. Each gate remembers until when its group is closed.
 */
export class RateLimitGates {
  private readonly closedUntil = new Map<string, number>();

  constructor(private readonly now: () => number) {}

  /** Milliseconds to wait before `group` may be called again (0 when open). */
  waitMs(group: string): number {
    const until = this.closedUntil.get(group);
    if (until === undefined) return 0;
    const left = until - this.now();
    if (left > 0) return left;
    this.closedUntil.delete(group);
    return 0;
  }

  /** Never shortens an existing closure: a later, shorter hint must not reopen a group early. */
  closeFor(group: string, ms: number): void {
    const until = this.now() + ms;
    const current = this.closedUntil.get(group) ?? 0;
    if (until > current) this.closedUntil.set(group, until);
  }
}
