/**
 * A compose request as a popup URL's query and back: the background opens `popup.html?to=…` when it
 * cannot open the toolbar popup, and the popup reads the same query. One module so the two stay inverses.
 */
import type { ComposeRequest } from '../protocol';

export interface ComposeQuery extends ComposeRequest {
  /** The tab the request came from, so the popup lists that page's numbers. */
  tab?: number;
}

export function composeSearch(p: ComposeQuery): string {
  const params = new URLSearchParams();
  if (p.to) params.set('to', p.to);
  if (p.lead) params.set('lead', p.lead);
  if (p.others?.length) params.set('others', p.others.join(','));
  if (p.notice) params.set('notice', p.notice);
  if (p.tab != null) params.set('tab', String(p.tab));
  const query = params.toString();
  return query ? `?${query}` : '';
}

/** The compose request in a popup URL's query, or null when it names none (the tab alone is not one). */
export function requestFromSearch(search: string): ComposeRequest | null {
  const p = new URLSearchParams(search);
  const to = p.get('to')?.trim();
  const lead = p.get('lead')?.trim();
  const notice = p.get('notice')?.trim();
  const others = (p.get('others') ?? '').split(',').filter(Boolean);
  if (!to && !lead && !notice) return null;
  return {
    ...(to ? { to } : {}),
    ...(lead ? { lead } : {}),
    ...(notice ? { notice } : {}),
    ...(others.length ? { others } : {}),
  };
}

/** The tab a popup URL is for, if it names one. */
export function tabFromSearch(search: string): number | null {
  const tab = Number(new URLSearchParams(search).get('tab'));
  return Number.isInteger(tab) && tab > 0 ? tab : null;
}
