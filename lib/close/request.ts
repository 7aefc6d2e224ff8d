/**
 * Sends one logical request to Close: auth, headers, timeout, rate-limit waits,
 * the retries that are safe for this kind of request, and parsing of the answer.
 */
import type { z } from 'zod/mini';
import { CloseApiError, errorFromResponse, isRecord, MESSAGES, rateLimitedMessage, timeoutMessage } from './errors';
import { exhaustedForMs, rateLimitWaitMs, withJitter } from './rate-limit';
import { RateLimitGates } from './rate-limit-gates';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

/**
 * What may be repeated after an ambiguous failure (network error, 502/503/504):
 * - 'repeatable': reads and plain edits, where doing it twice equals doing it once;
 * - 'delete': repeatable, and a 404 on a repeat means the first attempt worked;
 * - 'once': creates and sends; never repeated here (send-safely.ts decides).
 */
export type RetryPolicy = 'repeatable' | 'delete' | 'once';

export interface CloseRequest<T> {
  method: HttpMethod;
  /** Relative to the base URL, ending with '/'. */
  path: string;
  /** Rate-limit group: method + path template, e.g. `GET activity/sms/{id}`. */
  group: string;
  query?: Record<string, string | number | undefined>;
  body?: unknown;
  schema: z.ZodMiniType<T>;
  retry: RetryPolicy;
}

export interface RequestOptions {
  baseUrl: string;
  getApiKey: () => Promise<string | null>;
  fetch?: typeof fetch;
  timeoutMs?: number;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  now?: () => number;
  tzOffsetHours?: () => number;
  /**
   * False when the device knows it has no network (`navigator.onLine`). Then nothing is sent and the call fails at
   * once with kind 'offline' — not an ambiguous failure, since the request never left.
   */
  isOnline?: () => boolean;
  /** 429s retried per call before giving up. */
  maxRateLimitRetries?: number;
  /**
   * Longest rate-limit wait done silently. Longer waits fail at once with
   * `retryAfterMs`: an extension service worker may be stopped while it sleeps.
   */
  maxRateLimitWaitMs?: number;
}

export interface Requester {
  send<T>(request: CloseRequest<T>): Promise<T>;
  readonly now: () => number;
  /** A local time moved onto Close's clock, using the offset learnt from its latest `Date` header. */
  toServerTime(localMs: number): number;
  readonly sleep: (ms: number) => Promise<void>;
}

const TRANSIENT_STATUSES = new Set([502, 503, 504]);
const MAX_TRANSIENT_ATTEMPTS = 3;
const BACKOFF_BASE_MS = 500;
/** A 429 that says "retry now" still gets a short pause so a burst doesn't hammer Close. */
const MIN_RATE_LIMIT_WAIT_MS = 250;

interface RawAnswer {
  status: number;
  headers: Headers;
  body: unknown;
  bodyIsJson: boolean;
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const localTzOffsetHours = () => -new Date().getTimezoneOffset() / 60;

export function createRequester(options: RequestOptions): Requester {
  const fetchImpl = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const timeoutMs = options.timeoutMs ?? 15_000;
  const sleep = options.sleep ?? realSleep;
  const random = options.random ?? Math.random;
  const now = options.now ?? Date.now;
  const tzOffsetHours = options.tzOffsetHours ?? localTzOffsetHours;
  const maxRateLimitRetries = options.maxRateLimitRetries ?? 3;
  const maxRateLimitWaitMs = options.maxRateLimitWaitMs ?? 30_000;
  const isOnline = options.isOnline ?? (() => globalThis.navigator?.onLine !== false);
  const gates = new RateLimitGates(now);
  let serverClockOffsetMs = 0;

  async function authorization(): Promise<string> {
    const key = (await options.getApiKey())?.trim();
    if (!key) throw new CloseApiError('no-key', MESSAGES.noKey);
    return `Basic ${base64Utf8(`${key}:`)}`;
  }

  function buildUrl(request: CloseRequest<unknown>): string {
    const url = new URL(request.path, options.baseUrl);
    for (const [name, value] of Object.entries(request.query ?? {})) {
      if (value !== undefined) url.searchParams.set(name, String(value));
    }
    return url.toString();
  }

  async function attemptOnce(request: CloseRequest<unknown>, auth: string): Promise<RawAnswer> {
    if (!isOnline()) throw new CloseApiError('offline', MESSAGES.offline);
    const headers: Record<string, string> = {
      Authorization: auth,
      Accept: 'application/json',
      'X-TZ-Offset': String(tzOffsetHours()),
    };
    if (request.body !== undefined) headers['Content-Type'] = 'application/json';
    const signal = AbortSignal.timeout(timeoutMs);
    try {
      const response = await fetchImpl(buildUrl(request), {
        method: request.method,
        headers,
        body: request.body === undefined ? null : JSON.stringify(request.body),
        signal,
        // A redirect would carry the Authorization header and the text to wherever it points. Close never redirects
        // API calls, so one means a misconfigured base URL or a hijacked network: refuse it.
        redirect: 'error',
      });
      const text = await response.text();
      const { body, bodyIsJson } = parseJson(text);
      return { status: response.status, headers: response.headers, body, bodyIsJson };
    } catch (error) {
      if (signal.aborted || isTimeout(error)) throw new CloseApiError('timeout', timeoutMessage(timeoutMs));
      throw new CloseApiError('network', MESSAGES.network);
    }
  }

  async function waitForGate(group: string): Promise<void> {
    const waitMs = gates.waitMs(group);
    if (waitMs <= 0) return;
    if (waitMs > maxRateLimitWaitMs) {
      throw new CloseApiError('rate-limited', rateLimitedMessage(waitMs), { status: 429, retryAfterMs: waitMs });
    }
    await sleep(waitMs);
  }

  function learnFrom(group: string, answer: RawAnswer): void {
    const date = Date.parse(answer.headers.get('Date') ?? '');
    if (!Number.isNaN(date)) serverClockOffsetMs = date - now();
    const exhaustedMs = exhaustedForMs(answer.headers);
    if (exhaustedMs !== null) gates.closeFor(group, withJitter(exhaustedMs, random));
  }

  function backoffMs(failures: number): number {
    return withJitter(BACKOFF_BASE_MS * 2 ** (failures - 1), random);
  }

  async function send<T>(request: CloseRequest<T>): Promise<T> {
    const auth = await authorization();
    let rateLimitHits = 0;
    let ambiguousFailures = 0;
    for (;;) {
      await waitForGate(request.group);
      let answer: RawAnswer;
      try {
        answer = await attemptOnce(request, auth);
      } catch (error) {
        // Timeouts are not repeated: the rep has already waited the full timeout once.
        const repeat = error instanceof CloseApiError && error.kind === 'network';
        if (!repeat || !mayRepeat(request.retry, ambiguousFailures)) throw error;
        ambiguousFailures += 1;
        await sleep(backoffMs(ambiguousFailures));
        continue;
      }
      learnFrom(request.group, answer);

      if (answer.status === 429) {
        // Close did not apply a rate-limited request, so repeating it is safe for every method.
        const waitMs = withJitter(
          Math.max(MIN_RATE_LIMIT_WAIT_MS, rateLimitWaitMs(answer.headers, answer.body, now())),
          random,
        );
        gates.closeFor(request.group, waitMs);
        if (rateLimitHits >= maxRateLimitRetries || waitMs > maxRateLimitWaitMs) {
          throw new CloseApiError('rate-limited', rateLimitedMessage(waitMs), { status: 429, retryAfterMs: waitMs });
        }
        rateLimitHits += 1;
        continue;
      }
      if (answer.status >= 200 && answer.status < 300) return parseAnswer(request.schema, answer);
      if (answer.status === 404 && request.retry === 'delete' && ambiguousFailures > 0) {
        // An earlier attempt whose answer was lost did the deleting.
        return parseAnswer(request.schema, { ...answer, body: {}, bodyIsJson: true });
      }
      if (TRANSIENT_STATUSES.has(answer.status) && mayRepeat(request.retry, ambiguousFailures)) {
        ambiguousFailures += 1;
        await sleep(backoffMs(ambiguousFailures));
        continue;
      }
      throw errorFromResponse(answer.status, answer.body);
    }
  }

  return {
    send,
    now,
    toServerTime: (localMs) => localMs + serverClockOffsetMs,
    sleep,
  };
}

function mayRepeat(policy: RetryPolicy, failuresSoFar: number): boolean {
  return policy !== 'once' && failuresSoFar + 1 < MAX_TRANSIENT_ATTEMPTS;
}

function parseJson(text: string): { body: unknown; bodyIsJson: boolean } {
  // 204s and some DELETEs answer with nothing; treat that as an empty object.
  if (text.trim() === '') return { body: {}, bodyIsJson: true };
  try {
    return { body: JSON.parse(text), bodyIsJson: true };
  } catch {
    return { body: text, bodyIsJson: false };
  }
}

function isTimeout(error: unknown): boolean {
  return isRecord(error) && (error.name === 'TimeoutError' || error.name === 'AbortError');
}

function parseAnswer<T>(schema: z.ZodMiniType<T>, answer: RawAnswer): T {
  if (!answer.bodyIsJson) {
    throw new CloseApiError('bad-response', 'Close sent a reply the extension cannot read (not JSON).', {
      status: answer.status,
    });
  }
  const result = schema.safeParse(answer.body);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const path = issue ? formatPath(issue.path) : '';
  const missing = issue ? valueAt(answer.body, issue.path) === undefined : false;
  const problem = missing ? 'is missing' : 'has an unexpected value';
  const field = path || '(whole reply)';
  throw new CloseApiError('bad-response', `Close sent a reply the extension cannot read: "${field}" ${problem}.`, {
    status: answer.status,
    fieldErrors: { [field]: problem },
  });
}

function formatPath(path: readonly PropertyKey[]): string {
  return path
    .map((part) => (typeof part === 'number' ? `[${part}]` : `.${String(part)}`))
    .join('')
    .replace(/^\./, '');
}

function valueAt(value: unknown, path: readonly PropertyKey[]): unknown {
  let current: unknown = value;
  for (const part of path) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<PropertyKey, unknown>)[part];
  }
  return current;
}

/** btoa only takes Latin-1; encode as UTF-8 first so an odd pasted key can't throw. */
function base64Utf8(text: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary);
}
