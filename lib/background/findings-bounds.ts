/**
 * Limits on what content scripts may store. A report comes from a web page's frame, so it is bounded here
 * whatever the content script says: counts, string sizes, frames per tab and tabs in all. A page that
 * churns iframes or sends megabytes cannot fill storage.session or slow other tabs.
 */
import { z } from 'zod/mini';
import type { FoundNumber, FrameReport, PageFindings } from '../page-findings';
import { E164, LEAD_ID } from './message-gate';

export const LIMITS = {
  numbersPerFrame: 500,
  leadIdsPerFrame: 200,
  urlLength: 2048,
  rawLength: 64,
  /** Frames kept per tab; the least recently reported go first. */
  framesPerTab: 16,
  /** Numbers kept per tab across its frames. */
  numbersPerTab: 1000,
  /** Tabs kept in all; the least recently reported go first. */
  tabs: 50,
} as const;

const foundNumber = z.object({
  e164: E164,
  raw: z.string(),
  count: z.number().check(z.int(), z.positive()),
});

/** The usable part of a report, cut to size; null when it is not a report at all. Invalid entries are dropped. */
export function boundFindings(raw: unknown): PageFindings | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const r = raw as Record<string, unknown>;
  if (typeof r.url !== 'string' || !Array.isArray(r.numbers) || !Array.isArray(r.leadIds)) return null;
  const numbers: FoundNumber[] = [];
  // Sliced before parsing, so a report of a million entries costs no more than one of five hundred.
  for (const n of r.numbers.slice(0, LIMITS.numbersPerFrame)) {
    const p = z.safeParse(foundNumber, n);
    if (p.success)
      numbers.push({ ...p.data, raw: p.data.raw.slice(0, LIMITS.rawLength), count: Math.min(p.data.count, 1e6) });
  }
  const leadIds = r.leadIds
    .slice(0, LIMITS.leadIdsPerFrame)
    .filter((id) => z.safeParse(LEAD_ID, id).success) as string[];
  return { url: r.url.slice(0, LIMITS.urlLength), numbers, leadIds };
}

const tabOf = (key: string) => key.split(':')[0] ?? '';

/**
 * Stores one frame's report into the map of all (`tabId:frameId` → report), in place, then evicts what is
 * over the limits. An empty report forgets the frame: a detector reports nothing when its frame goes away.
 */
export function storeReport(
  all: Record<string, FrameReport>,
  tabId: number,
  frameId: number,
  findings: PageFindings,
  now: number,
): void {
  const key = `${tabId}:${frameId}`;
  if (!findings.numbers.length && !findings.leadIds.length && frameId !== 0) delete all[key];
  else all[key] = { ...findings, at: now };
  const newestFirst = (a: string, b: string) => (all[b]?.at ?? 0) - (all[a]?.at ?? 0);
  // Frames per tab, and numbers per tab.
  const frames = Object.keys(all)
    .filter((k) => tabOf(k) === String(tabId))
    .sort(newestFirst);
  let numbers = 0;
  frames.forEach((k, i) => {
    numbers += all[k]?.numbers.length ?? 0;
    if (k !== key && (i >= LIMITS.framesPerTab || numbers > LIMITS.numbersPerTab)) delete all[k];
  });
  // Tabs in all, by their latest report.
  const latest = new Map<string, number>();
  for (const [k, f] of Object.entries(all)) latest.set(tabOf(k), Math.max(latest.get(tabOf(k)) ?? 0, f.at));
  const tabs = [...latest.entries()].sort((a, b) => b[1] - a[1]).map(([t]) => t);
  const dropped = new Set(tabs.slice(LIMITS.tabs));
  for (const k of Object.keys(all)) if (dropped.has(tabOf(k))) delete all[k];
}
