import './highlight.css';
import { watchForCandidates } from '@/lib/page-scan/candidate-watch';
import { sendMessage } from '@/lib/protocol';

/**
 * The always-on detector, injected into every frame of the sites the rep allows: it only looks for
 * candidates (digit runs that survive our metadata-free rules, lead ids, tel:/sms: links) and asks the
 * background to inject the full detector (entrypoints/detector.content.ts) into this frame when it sees
 * one. See lib/page-scan/candidate-watch.ts for why, with the figures.
 */
export default defineContentScript({
  // Registered at run time by the background, for the sites the rep allows (lib/background/content-script-registration.ts).
  registration: 'runtime',
  matches: [],
  main(ctx) {
    const watch = watchForCandidates({
      root: document,
      // Plain timers: ctx.setTimeout asks the runtime whether the extension is still alive on every call,
      // which cost more than the slice itself in frames without candidates; stop() ends the watch instead.
      setTimeout: (fn, ms) => setTimeout(fn, ms),
      onFound: () => void sendMessage('loadDetector', undefined).catch(() => {}),
    });
    ctx.onInvalidated(() => watch.stop());
  },
});
