import { watchForCandidates } from '@/lib/page-scan/candidate-watch';
import { askForDetector } from '@/lib/page-scan/prefilter-message';

/**
 * The always-on detector, injected into every frame of the sites the rep allows: it only looks for
 * candidates (digit runs that survive our metadata-free rules, lead ids, tel:/sms: links) and asks the
 * background to inject the full detector (entrypoints/detector.content.ts) into this frame when it sees one. An unlisted script, not a WXT content script: WXT's
 * content-script context and the browser polyfill cost more than the whole check on a page without
 * numbers (see lib/page-scan/candidate-watch.ts for the figures).
 */
export default defineUnlistedScript(() => {
  // A second copy in the same frame (the extension reloaded into a live page) stays idle. The runtime API is not touched before there is something to ask: its first use costs milliseconds.
  const self = globalThis as { __closeSmsPrefilter?: boolean };
  if (self.__closeSmsPrefilter) return;
  self.__closeSmsPrefilter = true;
  const watch = watchForCandidates({
    root: document,
    setTimeout: (fn, ms) => setTimeout(fn, ms),
    onFound: () => void askForDetector().catch(() => watch.stop()),
  });
});
