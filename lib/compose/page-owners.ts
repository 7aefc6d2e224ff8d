/**
 * Who's who on the page: which of the numbers a page shows belong to a Close contact. Pure rules for the
 * background's batched lookup (lib/background/page-owners.ts) and the picker's labels, each with a table test.
 */
import type { Contact } from '../close/schemas';
import type { PageOwner } from '../protocol';
import type { Cached, PhoneOwner } from '../storage';

/** Numbers looked up per picker: 250 numbers are 10 searches of 25; a page listing more shows the rest unnamed. */
export const MAX_NUMBERS_LOOKED_UP = 250;
/** Lead names fetched per picker (one GET each), for the leads of found contacts and lead ids on the page. */
export const MAX_LEADS_LOOKED_UP = 10;
/** A number's owner changes rarely; ten minutes keeps a re-opened popup free of requests. */
export const OWNER_TTL_MS = 10 * 60_000;

/** The numbers to ask Close about: not cached or cached too long ago, each once, in the page's order, capped. */
export function numbersToLookUp(
  numbers: readonly string[],
  cache: Record<string, Cached<PhoneOwner | null>>,
  now: number,
): string[] {
  const unique = [...new Set(numbers)].slice(0, MAX_NUMBERS_LOOKED_UP);
  return unique.filter((n) => {
    const hit = cache[n];
    return !hit || now - hit.savedAt >= OWNER_TTL_MS;
  });
}

/** For each number asked about: the first contact Close returned that has it, or null (not in Close). */
export function ownersFrom(
  numbers: readonly string[],
  contacts: readonly Contact[],
): Record<string, PhoneOwner | null> {
  const out: Record<string, PhoneOwner | null> = {};
  for (const n of numbers) {
    const c = contacts.find((contact) => contact.phones.some((p) => p.phone === n));
    out[n] = c
      ? { contactId: c.id, contactName: c.display_name || c.name || null, leadId: c.lead_id ?? null, leadName: null }
      : null;
  }
  return out;
}

/** What the picker says beside a number: the contact and lead, "Not in Close", or nothing when unknown. */
export function ownerLabel(owner: PageOwner | null | undefined): string | null {
  if (owner === undefined) return null;
  if (owner === null) return 'Not in Close';
  const parts = [owner.contactName, owner.leadName].filter((p): p is string => !!p?.trim());
  const unique = parts.filter((p, i) => parts.indexOf(p) === i);
  return unique.length ? unique.join(' · ') : 'In Close (unnamed contact)';
}
