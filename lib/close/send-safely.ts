/**
 * Sending a text must never produce two texts — whoever repeats the request.
 *
 * Requests get repeated at layers this code cannot see: Chromium itself re-sends a
 * POST when a kept-alive connection closes before any byte of the answer (it
 * assumes the server never got it), a proxy may retry, and our own code repeats
 * after an ambiguous failure (network error, timeout, 5xx). Close may have
 * applied every one of those copies.
 *
 * The design chosen: **create a draft, then send that one draft by id.**
 *   1. `POST /activity/sms/` with `status: draft`. A repeated POST makes a second
 *      *draft*, which texts nobody.
 *   2. `PUT /activity/sms/{id}/` with `status: outbox` (+ `send_in`) or
 *      `status: scheduled` (+ `date_scheduled`). Close only lets a draft change
 *      status, so one SMS record can leave at most once however often this PUT
 *      arrives. A repeat that finds it already sent is answered "only drafts can
 *      be modified" (400): after any 400 or ambiguous failure we GET the SMS, and
 *      outbox / scheduled / sent / error means the send happened — success.
 *   3. Stray drafts that a repeated POST left behind (same phones and words,
 *      status draft, created since the first attempt) are deleted.
 *
 * Why not the alternative, a duplicate sweep inside the `send_in` undo window
 * (send directly, then cancel extra copies before they leave)? It only works while
 * the window is open, so it fails for `send_in: 0`, for a worker stopped during the
 * window, and when the listing lags or is rate-limited; and a scheduled text has no
 * such window at all. The draft design has no race: duplicates are harmless by
 * construction and the cleanup is cosmetic.
 *
 * The rep is told the truth: the call resolves with the one SMS that exists, or
 * throws a CloseApiError. `outcomeUnknown: true` only when the send PUT may have
 * landed and the SMS could not be read back; every other error means nothing went
 * out (and our draft was removed).
 *
 * A 429 is not ambiguous (Close refuses before applying), so the request layer
 * waits and repeats those by itself; this file only sees the failures it gives up on.
 */
import { CloseApiError, isAmbiguousFailure, isCloseApiError } from './errors';
import type { CreateSmsBody, SmsActivity, UpdateSmsBody } from './schemas';

export interface SafeSendDeps {
  /** One attempt each; the request layer must not repeat these on ambiguous failures. */
  create(body: CreateSmsBody): Promise<SmsActivity>;
  update(id: string, patch: UpdateSmsBody): Promise<SmsActivity>;
  get(id: string): Promise<SmsActivity>;
  /** Deletes; a 404 after a lost answer counts as done (request layer). */
  remove(id: string): Promise<void>;
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

const NOTHING_SENT = 'Your text was not sent.';

/**
 * Creates an SMS. Sends (outbox, scheduled) go draft → PUT by id (see the top of
 * this file); drafts are created and their repeats swept; logged texts (sent,
 * inbox) send nothing, so the older look-then-repeat path is enough for them.
 */
export async function createSmsSafely(deps: SafeSendDeps, body: CreateSmsBody): Promise<SmsActivity> {
  // Every lookup uses the first attempt's start: a late-landing first attempt must still be found.
  const startedAt = deps.now();
  if (isSendStatus(body.status)) return createThenSend(deps, body, startedAt);
  if (body.status === 'draft') {
    const draft = await createDraft(deps, body, startedAt);
    await sweepStrayDrafts(deps, body, draft.id, startedAt);
    return draft;
  }
  return createLogged(deps, body, startedAt);
}

async function createThenSend(deps: SafeSendDeps, body: CreateSmsBody, startedAt: number): Promise<SmsActivity> {
  const { draftBody, sendPatch } = splitSend(body);
  const draft = await createDraft(deps, draftBody, startedAt);
  let sent: SmsActivity;
  try {
    sent = await sendDraft(deps, draft.id, sendPatch, { ownDraft: true });
  } catch (error) {
    // Failed or unknown: either way repeated POSTs must not leave drafts behind to be sent by hand.
    await sweepStrayDrafts(deps, draftBody, draft.id, startedAt);
    throw error;
  }
  await sweepStrayDrafts(deps, draftBody, sent.id, startedAt);
  return sent;
}

/** The draft to create and the PUT that sends it. */
export function splitSend(body: CreateSmsBody): { draftBody: CreateSmsBody; sendPatch: UpdateSmsBody } {
  const { status, send_in, date_scheduled, ...rest } = body;
  const sendPatch: UpdateSmsBody =
    status === 'scheduled'
      ? { status: 'scheduled', date_scheduled: date_scheduled ?? null }
      : { status: 'outbox', ...(send_in === undefined ? {} : { send_in }) };
  return { draftBody: { ...rest, status: 'draft' }, sendPatch };
}

/**
 * A draft sends nothing, so repeating its POST is harmless: look first (so a
 * lost answer does not leave a second draft), then repeat once.
 */
async function createDraft(deps: SafeSendDeps, body: CreateSmsBody, startedAt: number): Promise<SmsActivity> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await deps.create(body);
    } catch (error) {
      if (!isAmbiguousFailure(error)) throw error;
      await deps.sleep(SETTLE_MS);
      const found = await findCreated(deps, body, startedAt).catch(() => null);
      if (found) return found;
      if (attempt >= MAX_ATTEMPTS) throw notSent(error);
    }
  }
}

/**
 * For an update that sends a draft (a quick edit's "send now" or "schedule", or
 * step 2 above). See `sendDraft`.
 */
export async function sendDraftSafely(deps: SafeSendDeps, id: string, patch: UpdateSmsBody): Promise<SmsActivity> {
  return sendDraft(deps, id, patch, { ownDraft: false });
}

/**
 * Sends one draft by id. After an ambiguous failure *or a 400* the SMS is read
 * back: if it is no longer a draft, a copy of this PUT (ours, the browser's or a
 * proxy's) already sent it, and that is success. Still a draft: an ambiguous
 * failure is repeated once; a 400 is Close's real refusal. When `ownDraft` (we
 * created it a moment ago for this send), a send that did not happen removes the
 * draft, so "not sent" leaves nothing behind in Close.
 */
async function sendDraft(
  deps: SafeSendDeps,
  id: string,
  patch: UpdateSmsBody,
  { ownDraft }: { ownDraft: boolean },
): Promise<SmsActivity> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await deps.update(id, patch);
    } catch (error) {
      const refused = isCloseApiError(error) && error.kind === 'bad-request';
      if (!refused && !isAmbiguousFailure(error)) {
        if (ownDraft) await removeQuietly(deps, id);
        throw error;
      }
      if (!refused) await deps.sleep(SETTLE_MS);
      let current: SmsActivity;
      try {
        current = await deps.get(id);
      } catch {
        // A refused PUT changed nothing, but the refusal may be an earlier copy's success.
        throw outcomeUnknown(error);
      }
      if (current.status !== 'draft') return current;
      if (refused || attempt >= MAX_ATTEMPTS) {
        if (ownDraft) await removeQuietly(deps, id);
        throw refused ? error : notSent(error);
      }
    }
  }
}

/** The older path for texts that only log (sent, inbox): look, then repeat once. */
async function createLogged(deps: SafeSendDeps, body: CreateSmsBody, startedAt: number): Promise<SmsActivity> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await deps.create(body);
    } catch (error) {
      if (!isAmbiguousFailure(error)) throw error;
      await deps.sleep(SETTLE_MS);
      let found: SmsActivity | null;
      try {
        found = await findCreated(deps, body, startedAt);
      } catch {
        throw outcomeUnknown(error);
      }
      if (found) return found;
      if (attempt >= MAX_ATTEMPTS) throw error;
    }
  }
}

/**
 * Deletes drafts identical to `body` created since the first attempt, except the
 * one we keep. Best effort: a stray draft texts nobody, so a failure here is not
 * the rep's problem and is not reported.
 */
async function sweepStrayDrafts(deps: SafeSendDeps, body: CreateSmsBody, keepId: string, startedAt: number) {
  try {
    const strays = (await matchingSince(deps, { ...body, status: 'draft' }, startedAt)).filter(
      (sms) => sms.id !== keepId,
    );
    for (const stray of strays) await removeQuietly(deps, stray.id);
  } catch {
    // Listing failed; see above.
  }
}

async function removeQuietly(deps: SafeSendDeps, id: string): Promise<void> {
  try {
    await deps.remove(id);
  } catch {
    // A leftover draft sends nothing.
  }
}

async function findCreated(deps: SafeSendDeps, body: CreateSmsBody, startedAt: number): Promise<SmsActivity | null> {
  const ours = await matchingSince(deps, body, startedAt);
  // If several match (the rep really did send the same words twice), the newest is ours.
  return ours.reduce<SmsActivity | null>(
    (newest, sms) => (!newest || closeTime(sms.date_created) > closeTime(newest.date_created) ? sms : newest),
    null,
  );
}

/** SMS like `body` created by this attempt (since `startedAt`, on Close's clock). */
async function matchingSince(deps: SafeSendDeps, body: CreateSmsBody, startedAt: number): Promise<SmsActivity[]> {
  const since = new Date(deps.toServerTime(startedAt) - SEARCH_WINDOW_MS).toISOString();
  const candidates: SmsActivity[] = [];
  for await (const sms of deps.listCreatedSince(recentFilter(body, since))) {
    if (isSameMessage(body, sms)) candidates.push(sms);
  }
  // Recomputed after listing: the lookup's answer carried Close's clock.
  const cutoff = deps.toServerTime(startedAt) - CLOCK_MARGIN_MS;
  return candidates.filter((sms) => closeTime(sms.date_created) > cutoff);
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

/** Known not to have gone out: the cause, then that plainly. */
function notSent(original: unknown): CloseApiError {
  const base = original instanceof CloseApiError ? original : undefined;
  return new CloseApiError(base?.kind ?? 'network', `${base ? `${base.message} ` : ''}${NOTHING_SENT}`, {
    ...(base?.status === undefined ? {} : { status: base.status }),
  });
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
