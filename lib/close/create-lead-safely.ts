/**
 * "Create lead" must not make two leads for one click, nor for a retry.
 *
 * Close has no idempotency key and no draft state for leads, and the only way to
 * find a lead by phone, `POST /data/search/`, lags behind writes. So:
 *   - Before creating, search the number and remember which leads already have it
 *     (`before`). Any lead the search later shows that is not in `before` is new.
 *   - After an ambiguous failure (lost answer, timeout, 5xx) the lead may exist:
 *     poll the search, for as long as Close's index may lag, for a new lead. Found:
 *     that is the result. Not found: the outcome is unknown — say so, never create
 *     blindly. The memory of this attempt (`before`) is kept for a few minutes, so
 *     a retry first polls again rather than trusting a search that may still lag.
 *   - After a success, a twin may exist anyway (Chromium re-sends a POST whose
 *     kept-alive connection dropped; a proxy may retry): wait until the search shows
 *     our lead, then delete any other new lead with the same name and number.
 *   - A retry after a success (the popup reopened, the search still lags) returns the
 *     remembered lead instead of creating one.
 * The memory is per worker: a retry after the service worker restarted can only
 * rely on the search, which by then has usually caught up.
 */
import { CloseApiError, isAmbiguousFailure, isCloseApiError } from './errors';
import type { Contact, Lead } from './schemas';

export interface SafeLeadDeps {
  /** One attempt; never repeated by the request layer. */
  post(body: unknown): Promise<Lead>;
  search(e164: string): Promise<Contact[]>;
  getLead(id: string): Promise<Lead>;
  deleteLead(id: string): Promise<void>;
  now(): number;
  sleep(ms: number): Promise<void>;
  /** How long Close's search may take to show a new lead (ms). */
  searchLagMs: number;
}

interface Attempt {
  before: ReadonlySet<string>;
  leadId?: string;
  at: number;
}

/** Per client: the latest attempt per phone number. */
export type LeadAttempts = Map<string, Attempt>;

/** How long an attempt is remembered; well past any search lag. */
const REMEMBER_MS = 10 * 60_000;
const POLL_MS = 500;

export async function createLeadSafely(
  deps: SafeLeadDeps,
  attempts: LeadAttempts,
  phone: string,
  body: { name?: string; contacts: unknown[] },
): Promise<Lead> {
  const remembered = attempts.get(phone);
  const fresh = remembered && remembered.at > deps.now() - REMEMBER_MS ? remembered : undefined;
  if (fresh?.leadId) {
    const lead = await deps.getLead(fresh.leadId).catch((error: unknown) => {
      if (isCloseApiError(error) && error.kind === 'not-found') return null;
      throw error;
    });
    if (lead) return lead;
  }
  if (fresh && !fresh.leadId) {
    // The last attempt's outcome was unknown: give the search its chance before creating again.
    const found = await waitForNewLead(deps, phone, fresh.before);
    if (found) return remember(attempts, deps.now(), phone, fresh.before, found);
  }
  const before = fresh?.before ?? leadIdsOf(await deps.search(phone));
  attempts.set(phone, { before, at: deps.now() });
  let lead: Lead;
  try {
    lead = await deps.post(body);
  } catch (error) {
    if (!isAmbiguousFailure(error)) {
      attempts.delete(phone);
      throw error;
    }
    const found = await waitForNewLead(deps, phone, before).catch(() => null);
    if (found) return remember(attempts, deps.now(), phone, before, found);
    throw leadOutcomeUnknown(error);
  }
  remember(attempts, deps.now(), phone, before, lead);
  await deleteTwins(deps, phone, before, lead);
  return lead;
}

function remember(attempts: LeadAttempts, at: number, phone: string, before: ReadonlySet<string>, lead: Lead): Lead {
  attempts.set(phone, { before, leadId: lead.id, at });
  return lead;
}

function leadIdsOf(contacts: Contact[]): Set<string> {
  return new Set(contacts.map((contact) => contact.lead_id).filter((id): id is string => !!id));
}

/** Polls the search for a lead not in `before`; null when none showed within the lag window. */
async function waitForNewLead(deps: SafeLeadDeps, phone: string, before: ReadonlySet<string>): Promise<Lead | null> {
  const deadline = deps.now() + deps.searchLagMs;
  for (;;) {
    const ids = [...leadIdsOf(await deps.search(phone))].filter((id) => !before.has(id));
    if (ids[0]) return deps.getLead(ids[0]);
    if (deps.now() >= deadline) return null;
    await deps.sleep(POLL_MS);
  }
}

/** Best effort: the rep has their lead either way; a twin left behind is reported by nothing but Close. */
async function deleteTwins(deps: SafeLeadDeps, phone: string, before: ReadonlySet<string>, ours: Lead) {
  try {
    const deadline = deps.now() + deps.searchLagMs;
    let ids: string[] = [];
    for (;;) {
      ids = [...leadIdsOf(await deps.search(phone))].filter((id) => !before.has(id));
      if (ids.includes(ours.id) || deps.now() >= deadline) break;
      await deps.sleep(POLL_MS);
    }
    for (const id of ids.filter((other) => other !== ours.id)) {
      const twin = await deps.getLead(id);
      if (twin.display_name === ours.display_name) await deps.deleteLead(id);
    }
  } catch {
    // See above.
  }
}

function leadOutcomeUnknown(original: unknown): CloseApiError {
  const base = original instanceof CloseApiError ? original : undefined;
  return new CloseApiError(
    base?.kind ?? 'network',
    `${base ? `${base.message} ` : ''}Close didn't confirm the new lead and it does not show up yet. Look the number up in Close in a minute before creating it again.`,
    { ...(base?.status === undefined ? {} : { status: base.status }), outcomeUnknown: true },
  );
}
