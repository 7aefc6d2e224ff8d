/**
 * Close lead IDs ("lead_" + a base62 id, 43 characters in practice) in plain text and URLs
 * such as https://app.close.com/lead/lead_…/. Every occurrence is returned; callers dedupe.
 */

import { lazyRegExp } from './lazy-regexp';

export interface LeadIdMatch {
  start: number;
  end: number;
  /** The whole id including the "lead_" prefix, as the Close API expects it. */
  id: string;
}

/**
 * Bounded on both sides so that "mislead_…", "lead_status" (too short) and ids glued to more
 * word characters are not taken: neither neighbour may be a letter, digit or '_' (any script,
 * so "lead_…é" is not cut short), while '/', '?', '#', '.', ',', quotes, spaces and the ends of
 * the text are fine. 20–60 base62 characters tolerates ids shorter or longer than today's 43
 * without matching identifiers like "lead_status_changed".
 */
const leadId = lazyRegExp(String.raw`(?<![\p{L}\p{N}\p{M}_])lead_[A-Za-z0-9]{20,60}(?![\p{L}\p{N}\p{M}_])`, 'gu');

export function findLeadIds(text: string): LeadIdMatch[] {
  const matches: LeadIdMatch[] = [];
  // Most text has no "lead_" at all; indexOf is far cheaper than a regex scan.
  if (text.indexOf('lead_') < 0) return matches;
  const pattern = leadId();
  pattern.lastIndex = 0;
  for (let found = pattern.exec(text); found !== null; found = pattern.exec(text)) {
    matches.push({ start: found.index, end: found.index + found[0].length, id: found[0] });
  }
  return matches;
}
