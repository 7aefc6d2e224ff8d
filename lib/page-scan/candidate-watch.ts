/**
 * The always-on part of detection: reads the page the way the detector does (same walk, same skipped
 * parts) but only asks "could anything here be a phone number or a lead id?", with the metadata-free
 * rules of lib/detect/find-candidates.ts. The first yes calls `onFound` once and everything stops; the
 * full detector (libphonenumber-js metadata, highlights, hover button) is loaded only then. A page
 * without candidates costs one tree walk and an idle MutationObserver.
 *
 * Nothing here may import libphonenumber-js, zod or Preact (a unit test reads the built bundle).
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
