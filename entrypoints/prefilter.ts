import { watchForCandidates } from '@/lib/page-scan/candidate-watch';
import { watchFrames } from '@/lib/page-scan/frame-watch';
import { askForDetector, askToCheckFrames } from '@/lib/page-scan/prefilter-message';

/**
 * The always-on detector, registered for the top frame of the sites the rep allows (and injected by the
 * background into frames whose probe says they could hold a number, lib/page-scan/frame-probe.ts): it
 * only looks for candidates (digit runs that survive our metadata-free rules, lead ids, tel:/sms: links)
 * and asks the background to inject the full detector (entrypoints/detector.content.ts) into this frame
 * when it sees one. An unlisted script, not a WXT content script: WXT's content-script context and the
 * browser polyfill cost more than the whole check on a page without numbers (see
 * lib/page-scan/candidate-watch.ts for the figures).
 */
export default defineUnlistedScript(() => {
  // A second copy in the same frame (the extension reloaded into a live page, or a probe that injected it
  // again) stays idle. The runtime API is not touched before there is something to ask: its first use costs milliseconds.
  const self = globalThis as { __closeSmsPrefilter?: boolean };
  if (self.__closeSmsPrefilter) return;
  self.__closeSmsPrefilter = true;
  const watch = watchForCandidates({
    root: document,
    setTimeout: (fn, ms) => setTimeout(fn, ms),
    onFound: () => void askForDetector().catch(() => watch.stop()),
  });
  // Only the top frame looks after frames: the background probes them all from there.
  if (window.top === window)
    watchFrames({ win: window, check: askToCheckFrames, setTimeout: (fn, ms) => setTimeout(fn, ms) });
});
