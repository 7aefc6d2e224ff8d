/**
 * The always-on part of detection: reads the page the way the detector does (same walk, same skipped
 * parts) but only asks "could anything here be a phone number or a lead id?", with the metadata-free
 * rules of lib/detect/find-candidates.ts. The first yes calls `onFound` once and everything stops;
 * the full detector (libphonenumber-js metadata, highlights, hover button) is loaded only then. A page
 * without candidates costs one `textContent`, two native queries (interesting links; custom elements, for
 * open shadow roots) and an idle MutationObserver.
 *
 * Frames: the script is registered for top frames only; the background probes their frames from there
 * (frame-probe.ts, frame-watch.ts) and injects this script into the frames that could hold a number, where
 * each copy handles its own document (and asks for the detector there).
 *
 * Nothing here may import libphonenumber-js, zod or Preact (tests/e2e/content-bundle.e2e.ts reads the build).
 *
 * Why on-demand injection (scripting.executeScript({ files }), lib/background/findings-store.ts), measured
 * with `npm run bench` on this 2-core machine (1 Dec 2026):
 *  - always-on script 9.6 kB gzipped (27 kB raw) instead of 61.5 kB; the detector (62.8 kB gzipped, the
 *    metadata) is loaded by 1 of the 10 largest readability pages (wikipedia-2: 45 digit runs, 0 numbers);
 *  - page without numbers: +13 ms of script before this split's later walk changes, vs +151 ms for
 *    ringcentral-c2d in the same run; 10 real pages: +279 ms vs +2,445 ms.
 *  - then, as an unlisted script without WXT's content-script context, the polyfill or the messaging
 *    library (each measured in real Chromium by removing it: module evaluation ~3 ms, the context ~4 ms,
 *    the walk ~6 ms on the page without numbers), and with the `textContent` check below;
 *  - then (3 Dec) with the candidate rules' Unicode-class patterns built on first use (lib/detect/lazy-regexp.ts: the
 *    script's compile went from ~4.0 to ~2.0 ms in Node's V8), and with the detector's pruned walk, which
 *    never reads a <style> or <script> in the body (breitbart: 73 → 42 ms).
 * Validating batches in the background would keep the metadata out of pages too, but every frame with
 * candidates would pay a message round trip per batch and the hover would wait on the worker (which may be
 * asleep); a build-time compiled validator would still ship per-country patterns to every frame. Loading
 * once, only where needed, pays the metadata only in frames that have candidates.
 */
import { hasPhoneCandidate, mayContainPhone } from '../detect/find-candidates';
import { hasDigitChain } from '../detect/phone-candidates';
import { createPrunedWalk, isInsideSkipped, isInterestingLink, OWN_UI_ATTRIBUTE } from './text-nodes';

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

/**
 * No text node of a subtree can hold a candidate: its whole text has no lead id and no chain of 7
 * digits (hasDigitChain). Walking the nodes instead costs a wrapper per node in our world: 17–37 ms
 * on real article pages with digits but no candidate (nytimes, yahoo), where this answers in one scan.
 */
function noCandidateIn(text: string): boolean {
  return !text.includes('lead_') && !hasDigitChain(text);
}

/** A superset of isInterestingLink, for one native query. */
const LINK_SELECTOR = 'a[href*="tel:" i],a[href*="sms:" i],a[href*="callto:" i],a[href*="lead_"]';

/**
 * Where open shadow roots can be: custom elements, found with one native XPath query, so a page's other
 * elements never get a wrapper in our world (that was most of what a page without numbers cost us: 2,000
 * paragraphs, ~1.5 ms). A shadow root on a built-in element (a <div>) of a page with no candidate outside
 * it is the case this gives up; the detector, once loaded, walks every element.
 */
function shadowHostCandidates(el: Element): Element[] {
  const doc = el.ownerDocument;
  if (typeof doc.evaluate !== 'function') return [...el.getElementsByTagName('*')];
  // 7: XPathResult.ORDERED_NODE_SNAPSHOT_TYPE.
  const found = doc.evaluate(".//*[contains(local-name(), '-')]", el, null, 7, null);
  const hosts: Element[] = [];
  for (let i = 0; i < found.snapshotLength; i++) hosts.push(found.snapshotItem(i) as Element);
  return hosts;
}

export function watchForCandidates(opts: CandidateWatchOptions): { stop(): void } {
  const now = opts.now ?? (() => performance.now());
  const sliceMs = opts.sliceMs ?? 8;
  const walks: ReturnType<typeof createPrunedWalk>[] = [];
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
      const walk = walks[walks.length - 1] as ReturnType<typeof createPrunedWalk>;
      let batch: ReturnType<typeof walk.next>;
      try {
        batch = walk.next(WALK_STEP);
      } catch {
        // A hostile page must never break the content script: drop this walk and go on.
        walks.pop();
        continue;
      }
      const live = (node: Node) => !isInsideSkipped(node);
      const hit =
        batch.links.find(live) ?? batch.texts.find((text) => textHasCandidate(text.data) && live(text)) ?? null;
      if (batch.done) walks.splice(walks.indexOf(walk), 1);
      if (hit) {
        found();
        return;
      }
      for (const shadow of batch.shadowRoots) {
        observer.observe(shadow, OBSERVE);
        walks.push(createPrunedWalk(shadow));
      }
    }
    if (!stopped && walks.length) schedule();
  }

  function schedule(): void {
    if (scheduled || stopped) return;
    scheduled = true;
    opts.setTimeout(runSlice, 0);
  }

  /**
   * The cheap answer first: a subtree whose whole text has no 7-digit run and no lead id and that holds
   * no interesting link has no candidate in its light DOM, whatever its nodes (one `textContent`, one
   * selector query). Only its open shadow roots are then left to read. Anything else is walked.
   */
  function watch(node: Node): void {
    if (stopped) return;
    try {
      const el = node.nodeType === Node.DOCUMENT_NODE ? (node as Document).documentElement : node;
      if (el && el.nodeType === Node.ELEMENT_NODE && noCandidateIn(el.textContent ?? '')) {
        const links = (el as Element).querySelectorAll<HTMLAnchorElement>(LINK_SELECTOR);
        if (![...links].some((a) => isInterestingLink(a) && !isInsideSkipped(a))) {
          watchShadowRoots(el as Element);
          return;
        }
      }
    } catch {
      // An exotic node (or a page that replaced DOM built-ins): read it the slow way.
    }
    walks.unshift(createPrunedWalk(node));
    schedule();
  }

  function watchShadowRoots(el: Element): void {
    if (el.shadowRoot) watchShadow(el.shadowRoot);
    for (const host of shadowHostCandidates(el)) {
      const shadow = host.shadowRoot;
      if (shadow) watchShadow(shadow);
    }
  }

  function watchShadow(shadow: ShadowRoot): void {
    observer.observe(shadow, OBSERVE);
    walks.unshift(createPrunedWalk(shadow));
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
