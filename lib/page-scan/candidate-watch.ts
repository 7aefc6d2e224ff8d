/**
 * The always-on part of detection: reads the page the way the detector does (same walk, same skipped
 * parts) but only asks "could anything here be a phone number or a lead id?", with the metadata-free
 * rules of lib/detect/find-candidates.ts. The first yes calls `onFound` once and everything stops; the
 * full detector (libphonenumber-js metadata, highlights, hover button) is loaded only then. A page
 * without candidates costs one tree walk and an idle MutationObserver.
 *
 * Nothing here may import libphonenumber-js, zod or Preact (tests/e2e/content-bundle.e2e.ts reads the build).
 *
 * Why on-demand injection (scripting.executeScript({ files }), lib/background/detector-loader.ts), measured
 * with `npm run bench` on this 2-core machine (1 Dec 2026):
 *  - always-on script 9.6 kB gzipped (27 kB raw) instead of 61.5 kB; the detector (62.8 kB gzipped, the
 *    metadata) is loaded by 1 of the 10 largest readability pages (wikipedia-2: 45 digit runs, 0 numbers);
 *  - page without numbers: +13 ms of script before this split's later walk changes, vs +151 ms for
 *    ringcentral-c2d in the same run; 10 real pages: +279 ms vs +2,445 ms.
 * Validating batches in the background would keep the metadata out of pages too, but every frame with
 * candidates would pay a message round trip per batch and the hover would wait on the worker (which may be
 * asleep); a build-time compiled validator would still ship per-country patterns to every frame. Loading
 * once, only where needed, pays the metadata only in frames that have candidates.
 */
import { hasPhoneCandidate, mayContainPhone } from '../detect/find-candidates';
import { createPlainWalk, isInsideSkipped, OWN_UI_ATTRIBUTE } from './text-nodes';

export interface CandidateWatchOptions {
  root: Document;
  onFound(): void;
  setTimeout(fn: () => void, ms: number): unknown;
  now?: () => number;
  sliceMs?: number;
}

/** Huge text nodes are tested in windows; the overlap is longer than any candidate. */
const WINDOW = 65_536;
const OVERLAP = 256;
const WALK_STEP = 512;

/** True when a text could hold a phone number or a lead id, by the rules that need no metadata. */
export function textHasCandidate(data: string): boolean {
  if (data.includes('lead_')) return true;
  if (!mayContainPhone(data)) return false;
  if (data.length <= WINDOW) return hasPhoneCandidate(data);
  for (let from = 0; from < data.length; from += WINDOW) {
    if (hasPhoneCandidate(data.slice(Math.max(0, from - OVERLAP), from + WINDOW))) return true;
  }
  return false;
}

export function watchForCandidates(opts: CandidateWatchOptions): { stop(): void } {
  const now = opts.now ?? (() => performance.now());
  const sliceMs = opts.sliceMs ?? 8;
  const walks: ReturnType<typeof createPlainWalk>[] = [];
  let scheduled = false;
  let stopped = false;

  function found(): void {
    if (stopped) return;
    stop();
    opts.onFound();
  }

  function stop(): void {
    stopped = true;
    walks.length = 0;
    observer.disconnect();
  }

  function runSlice(): void {
    scheduled = false;
    const deadline = now() + sliceMs;
    while (!stopped && walks.length && now() < deadline) {
      const walk = walks[walks.length - 1] as ReturnType<typeof createPlainWalk>;
      let batch: ReturnType<typeof walk.next>;
      try {
        batch = walk.next(WALK_STEP);
      } catch {
        // A hostile page must never break the content script: drop this walk and go on.
        walks.pop();
        continue;
      }
      const live = (node: Node) => !isInsideSkipped(node);
      if (batch.links.some(live) || batch.texts.some((text) => textHasCandidate(text.data) && live(text))) {
        found();
        return;
      }
      if (batch.done) walks.splice(walks.indexOf(walk), 1);
      for (const shadow of batch.shadowRoots) {
        observer.observe(shadow, OBSERVE);
        walks.push(createPlainWalk(shadow));
      }
    }
    if (!stopped && walks.length) schedule();
  }

  function schedule(): void {
    if (scheduled || stopped) return;
    scheduled = true;
    opts.setTimeout(runSlice, 0);
  }

  function watch(node: Node): void {
    if (stopped) return;
    walks.unshift(createPlainWalk(node));
    schedule();
  }

  const OBSERVE: MutationObserverInit = {
    childList: true,
    subtree: true,
    characterData: true,
    attributes: true,
    attributeFilter: ['href'],
  };
  const observer = new MutationObserver((records) => {
    for (const r of records) {
      const target = r.target;
      if (r.type === 'childList') {
        for (const added of r.addedNodes) {
          const el = added.nodeType === Node.ELEMENT_NODE ? (added as Element) : added.parentElement;
          if (el?.closest(`[${OWN_UI_ATTRIBUTE}]`) || isInsideSkipped(added)) continue;
          watch(added);
        }
      } else if (!isInsideSkipped(target)) watch(target);
    }
  });
  observer.observe(opts.root, OBSERVE);
  watch(opts.root.body ?? opts.root.documentElement);
  return { stop };
}
