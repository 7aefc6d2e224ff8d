/**
 * Sending a text must never produce two texts.
 *
 * When a create or a send-update fails *ambiguously* (the connection dropped, the
 * call timed out, Close answered 5xx) the request may well have been applied:
 * Close can store and send the SMS and then lose the answer. Repeating it blindly
 * would text the customer twice. So after such a failure we first ask Close what
 * actually happened, and only repeat (once) when Close clearly has no trace of it.
 *
 * A 429 is not ambiguous (Close refuses before applying), so the request layer
 * waits and repeats those by itself; this file only sees the failures it gives up on.
 */
import { CloseApiError, isAmbiguousFailure } from './errors';
import type { CreateSmsBody, SmsActivity, UpdateSmsBody } from './schemas';

export interface SafeSendDeps {
  /** One attempt each; the request layer must not repeat these on ambiguous failures. */
  create(body: CreateSmsBody): Promise<SmsActivity>;
  update(id: string, patch: UpdateSmsBody): Promise<SmsActivity>;
  get(id: string): Promise<SmsActivity>;
  listCreatedSince(filter: RecentSmsFilter): AsyncIterable<SmsActivity>;
  /** The local clock. */
  now(): number;
  /** A local time on Close's clock, as best known from its `Date` headers at the moment of the call. */
  toServerTime(localMs: number): number;
  sleep(ms: number): Promise<void>;
}

export interface RecentSmsFilter {
  lead_id?: string;
  contact_id?: string;
  user_id?: string;
  date_created__gt: string;
}

/** Statuses a send can be in once Close took it: queued, scheduled, gone out, or failed at the carrier. */
const SEND_STATUSES: ReadonlySet<string> = new Set(['outbox', 'scheduled', 'sent', 'error']);

export const isSendStatus = (status: string | null | undefined): boolean =>
  status === 'outbox' || status === 'scheduled';

/** One repeat at most: a second ambiguous failure in a row means something is badly wrong. */
const MAX_ATTEMPTS = 2;

/**
 * Before looking, give a request that timed out a moment to land on Close's side;
 * a lookup that runs before the original write commits would miss it.
 */
const SETTLE_MS = 1000;

/**
 * Lower bound for "created by this attempt". Covers the 1 s resolution of the
 * `Date` header the clock offset is learnt from, plus request latency.
 */
const CLOCK_MARGIN_MS = 5000;

/**
 * How far back the lookup asks Close to list. Wider than the margin because the
 * send may be a fresh worker's first request, before Close's clock is known; the
 * tight cutoff is applied once the lookup's own answer has taught us that clock.
 */
const SEARCH_WINDOW_MS = 10 * 60_000;

export async function createSmsSafely(deps: SafeSendDeps, body: CreateSmsBody): Promise<SmsActivity> {
  // Every lookup uses the first attempt's start: a late-landing first attempt must still be found.
  const startedAt = deps.now();
  for (let attempt = 1; ; attempt++) {
    try {
      return await deps.create(body);
    } catch (error) {
      if (!isAmbiguousFailure(error)) throw error;
      const found = await lookUp(deps, () => findCreated(deps, body, startedAt), error);
      if (found) return found;
      if (attempt >= MAX_ATTEMPTS) throw error;
    }
  }
}

/**
 * For an update that sends a draft. A repeat can't double-send here (Close only
 * lets drafts change status), but re-reading tells the caller the truth instead of
 * surfacing a confusing "only drafts can be modified" error.
 */
export async function sendDraftSafely(deps: SafeSendDeps, id: string, patch: UpdateSmsBody): Promise<SmsActivity> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await deps.update(id, patch);
    } catch (error) {
      if (!isAmbiguousFailure(error)) throw error;
      const current = await lookUp(deps, () => deps.get(id), error);
      if (current && current.status !== 'draft') return current;
      if (attempt >= MAX_ATTEMPTS) throw error;
    }
  }
}

async function lookUp<T>(deps: SafeSendDeps, look: () => Promise<T>, original: unknown): Promise<T> {
  await deps.sleep(SETTLE_MS);
  try {
    return await look();
  } catch {
    throw outcomeUnknown(original);
  }
}

async function findCreated(deps: SafeSendDeps, body: CreateSmsBody, startedAt: number): Promise<SmsActivity | null> {
  const since = new Date(deps.toServerTime(startedAt) - SEARCH_WINDOW_MS).toISOString();
  const candidates: SmsActivity[] = [];
  for await (const sms of deps.listCreatedSince(recentFilter(body, since))) {
    if (isSameMessage(body, sms)) candidates.push(sms);
  }
  // Recomputed after listing: the lookup's answer carried Close's clock.
  const cutoff = deps.toServerTime(startedAt) - CLOCK_MARGIN_MS;
  const ours = candidates.filter((sms) => closeTime(sms.date_created) > cutoff);
  // If several match (the rep really did send the same words twice), the newest is ours.
  return ours.reduce<SmsActivity | null>(
    (newest, sms) => (!newest || closeTime(sms.date_created) > closeTime(newest.date_created) ? sms : newest),
    null,
  );
}

/** Close sometimes omits the offset (close-api.md §3.6); it is UTC then, not local time. */
function closeTime(value: string): number {
  const hasOffset = /(Z|[+-]\d{2}:?\d{2})$/.test(value);
  return Date.parse(hasOffset ? value : `${value}Z`);
}

function recentFilter(body: CreateSmsBody, since: string): RecentSmsFilter {
  const filter: RecentSmsFilter = { date_created__gt: since };
  if (body.lead_id) filter.lead_id = body.lead_id;
  if (body.contact_id) filter.contact_id = body.contact_id;
  if (body.user_id) filter.user_id = body.user_id;
  return filter;
}

/**
 * The same message: same recipient, same sender (when we chose one), same words
 * (or template), and a status the requested one can have turned into.
 */
export function isSameMessage(body: CreateSmsBody, sms: SmsActivity): boolean {
  if (!statusFamily(body.status).has(sms.status)) return false;
  if (body.remote_phone && !samePhone(body.remote_phone, sms.remote_phone)) return false;
  if (body.local_phone && !samePhone(body.local_phone, sms.local_phone)) return false;
  if (body.text) return normalizeText(sms.text) === normalizeText(body.text);
  if (body.template_id) return sms.template_id === body.template_id;
  return true;
}

function statusFamily(status: string): ReadonlySet<string> {
  return SEND_STATUSES.has(status) ? SEND_STATUSES : new Set([status]);
}

function samePhone(a: string | null | undefined, b: string | null | undefined): boolean {
  const digits = (value: string | null | undefined) => (value ?? '').replace(/\D/g, '');
  return digits(a) !== '' && digits(a) === digits(b);
}

/** Close may trim or normalise line endings when storing text. */
function normalizeText(text: string | null | undefined): string {
  return (text ?? '').replace(/\r\n?/g, '\n').trim();
}

function outcomeUnknown(original: unknown): CloseApiError {
  const base = original instanceof CloseApiError ? original : undefined;
  return new CloseApiError(
    base?.kind ?? 'network',
    // The cause first (offline, timeout, Close error), then what it means for this text.
    `${base ? `${base.message} ` : ''}Close didn't confirm your text and the extension couldn't check whether it went out. Look at the lead in Close before sending again.`,
    { ...(base?.status === undefined ? {} : { status: base.status }), outcomeUnknown: true },
  );
}
