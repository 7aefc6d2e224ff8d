/**
 * Close limits each "endpoint group" (method + path template) separately and reports the state in every response as
 * `RateLimit: limit=N, remaining=N, reset=S`. The stand-in uses fixed windows; `reset` is fractional seconds.
 */

export interface RateLimitRule {
  limit: number;
  windowMs: number;
}

export interface RateLimitVerdict {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Seconds until the window ends (may be fractional). */
  resetSeconds: number;
}

/** Generous enough that only tests that lower a limit ever see a 429. */
export const DEFAULT_RATE_LIMIT: RateLimitRule = { limit: 40, windowMs: 1000 };

interface Window {
  start: number;
  count: number;
}

export class RateLimiter {
  private defaultRule: RateLimitRule;
  private readonly initialRules: Map<string, RateLimitRule>;
  private rules: Map<string, RateLimitRule>;
  private readonly windows = new Map<string, Window>();
  private readonly clock: () => number;

  constructor(
    defaultRule: RateLimitRule = DEFAULT_RATE_LIMIT,
    groups: Record<string, RateLimitRule> = {},
    clock = () => Date.now(),
  ) {
    this.defaultRule = defaultRule;
    this.initialRules = new Map(Object.entries(groups));
    this.rules = new Map(this.initialRules);
    this.clock = clock;
  }

  /** Sets the limit of one group, e.g. `setLimit('POST /activity/sms/', 2)`; restarts that group's window. */
  setLimit(group: string, limit: number, windowMs = this.defaultRule.windowMs): void {
    this.rules.set(group, { limit, windowMs });
    this.windows.delete(group);
  }

  setDefault(rule: RateLimitRule): void {
    this.defaultRule = rule;
    this.windows.clear();
  }

  /** Forgets all counts and any limits set after start. */
  reset(): void {
    this.rules = new Map(this.initialRules);
    this.windows.clear();
  }

  /** Counts one request against `group` (refused requests do not count). */
  take(group: string): RateLimitVerdict {
    const rule = this.rules.get(group) ?? this.defaultRule;
    const now = this.clock();
    const window = this.currentWindow(group, rule, now);
    const allowed = window.count < rule.limit;
    if (allowed) window.count += 1;
    const resetSeconds = Math.max(0.001, Math.round(window.start + rule.windowMs - now) / 1000);
    return { allowed, limit: rule.limit, remaining: Math.max(0, rule.limit - window.count), resetSeconds };
  }

  private currentWindow(group: string, rule: RateLimitRule, now: number): Window {
    const existing = this.windows.get(group);
    if (existing && now < existing.start + rule.windowMs) return existing;
    const fresh = { start: now, count: 0 };
    this.windows.set(group, fresh);
    return fresh;
  }
}

export function rateLimitHeader(verdict: RateLimitVerdict): string {
  return `limit=${verdict.limit}, remaining=${verdict.remaining}, reset=${verdict.resetSeconds}`;
}

/** Close's 429 body; clients before v2 of the official library read `error.rate_reset`. */
export function rateLimitedBody(verdict: RateLimitVerdict): unknown {
  return { error: { message: 'API call count exceeded for this period', rate_reset: verdict.resetSeconds } };
}
