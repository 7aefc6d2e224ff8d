/**
 * The top frame's half of frame handling (the other half is frame-probe.ts, run by the background in
 * the page's world): ask the background to check this tab's frames once the page has loaded with its
 * frames, when one of them loads later (a new iframe, or one that navigated: `load` reaches the top
 * document's capture listener) and when a frame that had nothing posts that its content changed. Checks are coalesced and
 * spaced out, so a page that fires those events in a loop costs itself one probe a second at most.
 *
 * The hint message can be posted by any script of the page; all it can do is trigger that probe.
 */
import { FRAME_HINT } from './frame-probe';

export interface FrameWatchOptions {
  win: Window;
  check(): Promise<unknown>;
  setTimeout(fn: () => void, ms: number): unknown;
  now?: () => number;
}

/** First check soon after the trigger (frames often load together); then at most one a second. */
const SETTLE_MS = 150;
const MIN_GAP_MS = 1000;

export function watchFrames(opts: FrameWatchOptions): { stop(): void } {
  const now = opts.now ?? (() => Date.now());
  const doc = opts.win.document;
  let stopped = false;
  let timer = false;
  let last = Number.NEGATIVE_INFINITY;

  function run(): void {
    timer = false;
    if (stopped) return;
    last = now();
    opts.check().catch(stop);
  }

  function schedule(): void {
    if (timer || stopped) return;
    timer = true;
    opts.setTimeout(run, Math.max(SETTLE_MS, last + MIN_GAP_MS - now()));
  }

  const onLoad = (e: Event) => {
    const name = (e.target as Element | null)?.localName;
    if (name === 'iframe' || name === 'frame') schedule();
  };
  // While the page loads, its frames load with it: one check once all have (the window's load) is enough,
  // so frame loads are listened for only from then on (the prefilter can start before the page's load, and
  // a listener called for each of its frames' loads would cost an event wrapper in our world each).
  const onPageLoad = () => {
    if (stopped) return;
    doc.addEventListener('load', onLoad, true);
    if (opts.win.length > 0) schedule();
  };
  const onMessage = (e: MessageEvent) => {
    if (e.data === FRAME_HINT) schedule();
  };

  function stop(): void {
    stopped = true;
    doc.removeEventListener('load', onLoad, true);
    opts.win.removeEventListener('load', onPageLoad);
    opts.win.removeEventListener('message', onMessage);
  }

  opts.win.addEventListener('message', onMessage);
  // `length` counts the frames without touching their documents.
  if (doc.readyState === 'complete') onPageLoad();
  else opts.win.addEventListener('load', onPageLoad, { once: true });
  return { stop };
}
