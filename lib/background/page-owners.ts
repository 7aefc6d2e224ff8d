/**
 * Who's who for the page picker: the numbers a page lists, looked up in Close in batches (one contact search
 * per 25 numbers, one after another), cached per number in storage.session for ten minutes; lead names from
 * the shared lead-name cache, else one GET per lead for at most ten leads.
 */
import type { CloseClient } from '../close/client';
import { MAX_LEADS_LOOKED_UP, numbersToLookUp, ownersFrom } from '../compose/page-owners';
import type { PageOwner, PageOwners } from '../protocol';
import { caches, type LeadNames } from '../storage';
import type { Handlers } from './message-gate';

export function pageOwnerHandlers(
  close: Pick<CloseClient, 'findContactsByPhones' | 'getLead'>,
  now: () => number = Date.now,
): Pick<Handlers, 'lookupPageOwners'> {
  async function leadNames(ids: string[]): Promise<Record<string, LeadNames>> {
    const names = (await caches.leadNames.getValue())?.value ?? {};
    const missing = [...new Set(ids)].filter((id) => !names[id]).slice(0, MAX_LEADS_LOOKED_UP);
    if (!missing.length) return names;
    // One at a time: lead GETs share a rate-limit group with the composer's.
    for (const id of missing) {
      const lead = await close.getLead(id).catch(() => null);
      if (!lead) continue;
      const contacts = Object.fromEntries(lead.contacts.map((c) => [c.id, c.display_name || c.name || '']));
      names[lead.id] = { name: lead.display_name, contacts };
    }
    await caches.leadNames.setValue({ value: names, savedAt: now() });
    return names;
  }

  async function lookupPageOwners(input: { numbers: string[]; leadIds: string[] }): Promise<PageOwners> {
    const cache = (await caches.phoneOwners.getValue())?.value ?? {};
    const wanted = numbersToLookUp(input.numbers, cache, now());
    if (wanted.length) {
      const found = ownersFrom(wanted, await close.findContactsByPhones(wanted));
      // Re-read before writing: another popup may have looked up other numbers meanwhile.
      const latest = (await caches.phoneOwners.getValue())?.value ?? {};
      for (const [n, owner] of Object.entries(found)) latest[n] = { value: owner, savedAt: now() };
      await caches.phoneOwners.setValue({ value: latest, savedAt: now() });
      Object.assign(cache, latest);
    }
    const looked = [...new Set(input.numbers)].filter((n) => cache[n] !== undefined);
    const leadIdsOfOwners = looked.map((n) => cache[n]?.value?.leadId).filter((id): id is string => !!id);
    const names = await leadNames([...input.leadIds, ...leadIdsOfOwners]);
    const numbers: Record<string, PageOwner | null> = {};
    for (const n of looked) {
      const owner = cache[n]?.value ?? null;
      numbers[n] = owner && {
        contactName: owner.contactName,
        leadId: owner.leadId,
        leadName: (owner.leadId && names[owner.leadId]?.name) || null,
      };
    }
    const leads = Object.fromEntries(
      input.leadIds.filter((id) => names[id]).map((id) => [id, names[id]?.name as string]),
    );
    return { numbers, leads };
  }

  return { lookupPageOwners };
}
