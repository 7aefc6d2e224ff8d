/**
 * Close's rate limits (close-api.md §3.5), as the stand-in models them:
 * - Routes share buckets ("endpoint groups"): all GETs of one top-level resource, all POSTs and PUTs of one resource
 *   (so creating an SMS and the PUT that undoes it count together, as `POST/PUT /activity/` does at Close), all
 *   DELETEs of one resource. `rateLimitGroup()` names them.
 * - Each group is limited per API key, and the organization as a whole gets 3× that across all its keys.
 * - Windows last whole seconds, and every answer says `RateLimit: limit=N, remaining=N, reset=S` with S a whole
 *   number of seconds (the official Python client only parses integers).
 */

export interface RateLimitRule {
  limit: number;
  windowMs: number;
}

export interface RateLimitVerdict {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Whole seconds until the window that refused (or counted) this request ends; at least 1. */
  resetSeconds: number;
  /** Which limit refused it, when one did. */
  refusedBy?: 'key' | 'organization';
}

/** Generous enough that only tests that lower a limit ever see a 429. */
export const DEFAULT_RATE_LIMIT: RateLimitRule = { limit: 40, windowMs: 1000 };

/** Close: "the org limit is 3× the per-key limit". */
export const ORGANIZATION_FACTOR = 3;

interface Window {
  start: number;
  count: number;
}

/**
 * The bucket a route counts in: `GET /activity/`, `POST/PUT /activity/`, `DELETE /activity/`, `GET /me/`, ….
 * Accepts a route key (`PUT /activity/sms/{id}/`) or a group name, which maps to itself.
 */
export function rateLimitGroup(methodOrKey: string, template?: string): string {
  const [method = '', path = ''] = template === undefined ? methodOrKey.split(' ', 2) : [methodOrKey, template];
  const resource = path.split('/').find((segment) => segment !== '') ?? '';
  const upper = method.toUpperCase();
  const verb = upper === 'POST' || upper === 'PUT' || upper === 'POST/PUT' ? 'POST/PUT' : upper;
  return `${verb} /${resource}/`;
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
    this.defaultRule = wholeSeconds(defaultRule);
    this.initialRules = new Map(Object.entries(groups).map(([key, rule]) => [rateLimitGroup(key), wholeSeconds(rule)]));
    this.rules = new Map(this.initialRules);
    this.clock = clock;
  }

  /**
   * Sets the per-key limit of the group `key` belongs to (`setLimit('POST /activity/sms/', 2)` limits every POST and
   * PUT under /activity/); restarts that group's windows. `windowMs` is rounded up to whole seconds.
   */
  setLimit(key: string, limit: number, windowMs = this.defaultRule.windowMs): void {
    const group = rateLimitGroup(key);
    this.rules.set(group, wholeSeconds({ limit, windowMs }));
    for (const name of [...this.windows.keys()]) if (name.endsWith(`|${group}`)) this.windows.delete(name);
  }

  setDefault(rule: RateLimitRule): void {
    this.defaultRule = wholeSeconds(rule);
    this.windows.clear();
  }

  /** Forgets all counts and any limits set after start. */
  reset(): void {
    this.rules = new Map(this.initialRules);
    this.windows.clear();
  }

  /** Counts one request of API key `keyId` against `group` (refused requests do not count). */
  take(group: string, keyId = 'key'): RateLimitVerdict {
    const rule = this.rules.get(group) ?? this.defaultRule;
    const now = this.clock();
    const perKey = this.currentWindow(`${keyId}|${group}`, rule, now);
    const orgLimit = rule.limit * ORGANIZATION_FACTOR;
    const perOrg = this.currentWindow(`org|${group}`, rule, now);
    const keyFull = perKey.count >= rule.limit;
    const orgFull = perOrg.count >= orgLimit;
    const allowed = !keyFull && !orgFull;
    if (allowed) {
      perKey.count += 1;
      perOrg.count += 1;
    }
    const binding = orgFull && !keyFull ? perOrg : perKey;
    const resetSeconds = Math.max(1, Math.ceil((binding.start + rule.windowMs - now) / 1000));
    const remaining = Math.max(0, Math.min(rule.limit - perKey.count, orgLimit - perOrg.count));
    return {
      allowed,
      limit: rule.limit,
      remaining,
      resetSeconds,
      ...(allowed ? {} : { refusedBy: keyFull ? ('key' as const) : ('organization' as const) }),
    };
  }

  private currentWindow(name: string, rule: RateLimitRule, now: number): Window {
    const existing = this.windows.get(name);
    if (existing && now < existing.start + rule.windowMs) return existing;
    const fresh = { start: now, count: 0 };
    this.windows.set(name, fresh);
    return fresh;
  }
}

function wholeSeconds(rule: RateLimitRule): RateLimitRule {
  return { limit: rule.limit, windowMs: Math.max(1000, Math.ceil(rule.windowMs / 1000) * 1000) };
}

export function rateLimitHeader(verdict: RateLimitVerdict): string {
  return `limit=${verdict.limit}, remaining=${verdict.remaining}, reset=${verdict.resetSeconds}`;
}

/** Close's 429 body; clients before v2 of the official library read `error.rate_reset`. */
export function rateLimitedBody(verdict: RateLimitVerdict): unknown {
  return { error: { message: 'API call count exceeded for this period', rate_reset: verdict.resetSeconds } };
}
