/** What the content script found on one page (one frame), as reported to the background. */
export interface FoundNumber {
  e164: string;
  /** The text as written on the page, for display. */
  raw: string;
  /** Times it occurs on the page: the popup lists the most frequent first. */
  count: number;
}

export interface PageFindings {
  url: string;
  numbers: FoundNumber[];
  leadIds: string[];
}

/** A frame's report as the background stores it: the findings and when they arrived. */
export interface FrameReport extends PageFindings {
  at: number;
}

/** Merges the reports of several frames of one tab (top frame first). */
export function mergeFindings(frames: PageFindings[]): PageFindings {
  const numbers = new Map<string, FoundNumber>();
  const leadIds = new Set<string>();
  for (const f of frames) {
    for (const n of f.numbers) {
      const seen = numbers.get(n.e164);
      numbers.set(n.e164, seen ? { ...seen, count: seen.count + n.count } : { ...n });
    }
    for (const id of f.leadIds) leadIds.add(id);
  }
  return {
    url: frames[0]?.url ?? '',
    numbers: [...numbers.values()].sort((a, b) => b.count - a.count),
    leadIds: [...leadIds],
  };
}
