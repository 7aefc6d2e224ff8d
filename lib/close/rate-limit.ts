/**
 * Pure parsing of Close's rate-limit signals. Close documents only "wait
 * `rate_reset` seconds"; the header forms below come from its official Python
 * client and from values seen in the wild (see close-api.md §3.5).
 */
import { isRecord } from './errors';

export interface HeaderSource {
  get(name: string): string | null;
}

export interface RateLimitInfo {
  limit?: number;
  remaining?: number;
  resetMs?: number;
}

/** Used when a 429 carries no hint at all (the official client does the same). */
export const DEFAULT_RATE_LIMIT_WAIT_MS = 2000;

/** Jitter spreads retries of several waiting calls so they don't all hit Close at once. */
export const MAX_JITTER_FRACTION = 0.2;

const KEY_ALIASES: Record<string, keyof RateLimitInfo> = {
  limit: 'limit',
  l: 'limit',
  remaining: 'remaining',
  r: 'remaining',
  reset: 'resetMs',
  t: 'resetMs',
};

/**
 * `RateLimit: limit=160, remaining=159, reset=8`. Separators seen are `,` and `;`;
 * reset may be fractional. The short IETF-draft keys (`r`, `t`) are accepted too.
 */
export function parseRateLimitHeader(value: string | null | undefined): RateLimitInfo | null {
  if (!value) return null;
  const info: RateLimitInfo = {};
  for (const part of value.split(/[,;]/)) {
    const match = /^\s*([a-z]+)\s*=\s*"?([0-9]*\.?[0-9]+)"?\s*$/i.exec(part);
    const key = match?.[1] ? KEY_ALIASES[match[1].toLowerCase()] : undefined;
    if (!match?.[2] || !key) continue;
    const number = Number(match[2]);
    info[key] = key === 'resetMs' ? secondsToMs(number) : number;
  }
  return Object.keys(info).length > 0 ? info : null;
}

/** `Retry-After` is either delta-seconds or an HTTP date. */
export function parseRetryAfter(value: string | null | undefined, nowMs: number): number | null {
  const trimmed = value?.trim();
  if (!trimmed) return null;
  if (/^\d+(\.\d+)?$/.test(trimmed)) return secondsToMs(Number(trimmed));
  // An HTTP date names a weekday and month; V8's Date.parse would also accept e.g. "-3" as a year.
  if (!/[a-z]{3}/i.test(trimmed)) return null;
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return null;
  return Math.max(0, date - nowMs);
}

/** `RateLimit-Reset` / legacy `X-Rate-Limit-Reset`: seconds until the window resets. */
export function parseResetSeconds(value: string | null | undefined): number | null {
  const trimmed = value?.trim();
  if (!trimmed || !/^\d+(\.\d+)?$/.test(trimmed)) return null;
  return secondsToMs(Number(trimmed));
}

/** Older Close answers put the wait in the body: `{error: {rate_reset}}` or top-level `rate_reset`. */
export function rateResetFromBody(body: unknown): number | null {
  if (!isRecord(body)) return null;
  const nested = isRecord(body.error) ? body.error.rate_reset : undefined;
  for (const candidate of [nested, body.rate_reset]) {
    const seconds = typeof candidate === 'string' ? Number(candidate) : candidate;
    if (typeof seconds === 'number' && Number.isFinite(seconds) && seconds >= 0) return secondsToMs(seconds);
  }
  return null;
}

/** How long a 429 asks us to wait, in the order of trust used by Close's own client. */
export function rateLimitWaitMs(headers: HeaderSource, body: unknown, nowMs: number): number {
  return (
    parseRateLimitHeader(headers.get('RateLimit'))?.resetMs ??
    parseRetryAfter(headers.get('Retry-After'), nowMs) ??
    parseResetSeconds(headers.get('RateLimit-Reset')) ??
    parseResetSeconds(headers.get('X-Rate-Limit-Reset')) ??
    rateResetFromBody(body) ??
    DEFAULT_RATE_LIMIT_WAIT_MS
  );
}

/**
 * When a successful answer says the group's budget is used up, how long until it
 * refills; null when calls may go on.
 */
export function exhaustedForMs(headers: HeaderSource): number | null {
  const info = parseRateLimitHeader(headers.get('RateLimit'));
  const legacyRemaining = headers.get('X-Rate-Limit-Remaining');
  const remaining = info?.remaining ?? (legacyRemaining === null ? undefined : Number(legacyRemaining));
  if (remaining !== 0) return null;
  const resetMs =
    info?.resetMs ??
    parseResetSeconds(headers.get('RateLimit-Reset')) ??
    parseResetSeconds(headers.get('X-Rate-Limit-Reset'));
  return resetMs !== undefined && resetMs !== null && resetMs > 0 ? resetMs : null;
}

export function withJitter(ms: number, random: () => number): number {
  return Math.round(ms * (1 + random() * MAX_JITTER_FRACTION));
}

function secondsToMs(seconds: number): number {
  return Math.round(seconds * 1000);
}
