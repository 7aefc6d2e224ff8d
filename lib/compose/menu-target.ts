/**
 * What a right-click means: the first valid number (or Close lead) in the selection or link, the other
 * numbers to list beside it, or an explanation when there is nothing to text. Pure, for table tests.
 */
import { findLeadIds, findPhoneNumbers } from '../detect';

/** Enough for any real selection; a 1 MB selection is cut here instead of being scanned whole. */
export const MAX_SELECTION_CHARS = 20_000;

export interface MenuClick {
  selectionText?: string;
  linkUrl?: string;
}

export type MenuTarget =
  | { kind: 'number'; to: string; others: string[] }
  | { kind: 'lead'; lead: string }
  | { kind: 'nothing'; message: string };

function phoneFromLink(url: string, defaultCountry: string): string | null {
  const m = /^\s*(?:tel|sms|callto):(?:\/\/)?([^?;,]*)/i.exec(url);
  if (!m?.[1]) return null;
  let value = m[1];
  try {
    value = decodeURIComponent(value);
  } catch {
    // Keep the raw text of a malformed escape.
  }
  return findPhoneNumbers(value, { defaultCountry })[0]?.e164 ?? null;
}

export function menuTarget(click: MenuClick, defaultCountry: string, wantLead: boolean): MenuTarget {
  const link = click.linkUrl ?? '';
  const selection = (click.selectionText ?? '').slice(0, MAX_SELECTION_CHARS);
  if (wantLead) {
    const lead = findLeadIds(link)[0] ?? findLeadIds(selection)[0];
    if (lead) return { kind: 'lead', lead: lead.id };
    return { kind: 'nothing', message: 'No Close lead ID (lead_…) was found in what you selected.' };
  }
  const fromLink = link ? phoneFromLink(link, defaultCountry) : null;
  if (fromLink) return { kind: 'number', to: fromLink, others: [] };
  const numbers = [...new Set(findPhoneNumbers(selection, { defaultCountry }).map((m) => m.e164))];
  const [first, ...others] = numbers;
  if (first) return { kind: 'number', to: first, others };
  const shown = selection.trim().slice(0, 60);
  return {
    kind: 'nothing',
    message: shown
      ? `No phone number found in “${shown}${selection.trim().length > 60 ? '…' : ''}”. Select a full number, with its area code.`
      : 'Select a phone number first, then right-click it.',
  };
}
