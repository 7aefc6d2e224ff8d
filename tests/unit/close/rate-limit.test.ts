// @vitest-environment node
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_RATE_LIMIT_WAIT_MS,
  exhaustedForMs,
  parseRateLimitHeader,
  parseResetSeconds,
  parseRetryAfter,
  rateLimitWaitMs,
  rateResetFromBody,
  withJitter,
} from '../../../lib/close/rate-limit';
import { RateLimitGates } from '../../../lib/close/rate-limit-gates';

const NOW = Date.parse('2026-05-04T17:00:00Z');
const headers = (values: Record<string, string>) => new Headers(values);

describe('parseRateLimitHeader', () => {
  it.each([
    ['limit=160, remaining=159, reset=8', { limit: 160, remaining: 159, resetMs: 8000 }],
    ['limit=160; remaining=159; reset=8', { limit: 160, remaining: 159, resetMs: 8000 }],
    ['limit=16;remaining=0;reset=0.25', { limit: 16, remaining: 0, resetMs: 250 }],
    ['LIMIT=5 , Remaining=0 , Reset=1.5', { limit: 5, remaining: 0, resetMs: 1500 }],
    ['limit=40, remaining=0, reset=0.001', { limit: 40, remaining: 0, resetMs: 1 }],
    ['"default";r=0;t=30', { remaining: 0, resetMs: 30_000 }],
    ['reset=3', { resetMs: 3000 }],
    ['remaining=2, garbage, reset=x', { remaining: 2 }],
  ])('%s', (value, expected) => {
    expect(parseRateLimitHeader(value)).toEqual(expected);
  });

  it.each([null, undefined, '', 'nonsense', 'limit=-1'])('%s → null', (value) => {
    expect(parseRateLimitHeader(value)).toBeNull();
  });
});

describe('parseRetryAfter', () => {
  it.each([
    ['5', 5000],
    [' 2.5 ', 2500],
    ['0', 0],
    ['Mon, 04 May 2026 17:00:30 GMT', 30_000],
    ['Mon, 04 May 2026 16:59:00 GMT', 0],
  ])('%s → %d ms', (value, expected) => {
    expect(parseRetryAfter(value, NOW)).toBe(expected);
  });

  it.each([null, '', 'soon', '-3'])('%s → null', (value) => {
    expect(parseRetryAfter(value, NOW)).toBeNull();
  });
});

describe('parseResetSeconds', () => {
  it.each([
    ['7', 7000],
    ['0.5', 500],
    ['', null],
    ['later', null],
    [null, null],
  ])('%s → %s', (value, expected) => {
    expect(parseResetSeconds(value)).toBe(expected);
  });
});

describe('rateResetFromBody', () => {
  it.each([
    [{ error: { message: 'API call count exceeded', rate_reset: 4 } }, 4000],
    [{ error: { rate_reset: 0.75 } }, 750],
    [{ rate_reset: 6 }, 6000],
    [{ rate_reset: '2.5' }, 2500],
    [{ error: 'slow down', rate_reset: 3 }, 3000],
    [{ error: { rate_reset: -1 } }, null],
    [{ error: 'slow down' }, null],
    ['<html>', null],
    [null, null],
  ])('%j → %s', (body, expected) => {
    expect(rateResetFromBody(body)).toBe(expected);
  });
});

describe('rateLimitWaitMs picks the first hint present', () => {
  it.each([
    [
      'RateLimit beats everything',
      { RateLimit: 'limit=1, remaining=0, reset=1.5', 'Retry-After': '9', 'RateLimit-Reset': '8' },
      { error: { rate_reset: 7 } },
      1500,
    ],
    ['Retry-After seconds', { 'Retry-After': '9', 'RateLimit-Reset': '8' }, { rate_reset: 7 }, 9000],
    ['Retry-After date', { 'Retry-After': 'Mon, 04 May 2026 17:00:12 GMT' }, {}, 12_000],
    ['RateLimit-Reset', { 'RateLimit-Reset': '8' }, { rate_reset: 7 }, 8000],
    ['legacy X-Rate-Limit-Reset', { 'X-Rate-Limit-Reset': '3' }, {}, 3000],
    ['body error.rate_reset', {}, { error: { rate_reset: 7 } }, 7000],
    ['body top-level rate_reset', {}, { rate_reset: 5 }, 5000],
    ['RateLimit without reset falls through', { RateLimit: 'limit=1, remaining=0' }, { rate_reset: 5 }, 5000],
    ['nothing at all', {}, 'Too Many Requests', DEFAULT_RATE_LIMIT_WAIT_MS],
  ])('%s', (_name, values, body, expected) => {
    expect(rateLimitWaitMs(headers(values), body, NOW)).toBe(expected);
  });
});

describe('exhaustedForMs', () => {
  it.each([
    [{ RateLimit: 'limit=5, remaining=0, reset=2' }, 2000],
    [{ RateLimit: 'limit=5; remaining=0; reset=0.4' }, 400],
    [{ RateLimit: 'limit=5, remaining=1, reset=2' }, null],
    [{ RateLimit: 'limit=5, remaining=0, reset=0' }, null],
    [{ RateLimit: 'limit=5, remaining=0' }, null],
    [{ 'X-Rate-Limit-Remaining': '0', 'X-Rate-Limit-Reset': '3' }, 3000],
    [{ 'X-Rate-Limit-Remaining': '4', 'X-Rate-Limit-Reset': '3' }, null],
    [{}, null],
  ])('%j → %s', (values, expected) => {
    expect(exhaustedForMs(headers(values))).toBe(expected);
  });
});

describe('withJitter', () => {
  it.each([
    [1000, 0, 1000],
    [1000, 0.5, 1100],
    [1000, 0.999_999, 1200],
    [0, 0.7, 0],
  ])('%d ms with random %d → %d', (ms, random, expected) => {
    expect(withJitter(ms, () => random)).toBe(expected);
  });
});

describe('RateLimitGates', () => {
  it('keeps groups apart and reopens after the wait', () => {
    let now = 1000;
    const gates = new RateLimitGates(() => now);
    gates.closeFor('POST activity/sms', 500);
    expect(gates.waitMs('POST activity/sms')).toBe(500);
    expect(gates.waitMs('GET activity/sms')).toBe(0);
    now += 200;
    expect(gates.waitMs('POST activity/sms')).toBe(300);
    now += 300;
    expect(gates.waitMs('POST activity/sms')).toBe(0);
  });

  it('never shortens a closure', () => {
    const gates = new RateLimitGates(() => 0);
    gates.closeFor('GET me', 5000);
    gates.closeFor('GET me', 100);
    expect(gates.waitMs('GET me')).toBe(5000);
  });
});
