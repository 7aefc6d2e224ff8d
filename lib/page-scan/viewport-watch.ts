/**
 * Which matched elements are in or near the viewport, so only those get highlight ranges (page-detector.ts).
 *
 * By their rectangles, read in one pass when something may have moved (the scan added elements, the page
 * or any scroll container scrolled, the window resized), at most every UPDATE_GAP_MS. An
 * IntersectionObserver did the same job but costs per observed element (observe() calls, an intersection
 * pass over all of them, a 10,000-entry callback on the 10,000-row table); a pass here reads the rectangles
 * near the screen one by one and strides over runs far from it (STRIDE), ~2 ms for that table instead of
 * ~40 ms for every rectangle. Rectangles are exact whatever the layout (fixed headers, columns, flex
 * order); what this gives up is noticing a layout change that comes with no scroll, resize or DOM change
 * — the hover button still works there, since it makes its own range.
 */
export interface ViewportWatch {
  observe(el: Element): void;
  unobserve(el: Element): void;
  disconnect(): void;
}
export type ViewportWatchFactory = (onChange: (shown: Element[], hidden: Element[]) => void) => ViewportWatch;

/** For environments without layout (unit tests): every observed element is shown at once. */
export const showEverything: ViewportWatchFactory = (onChange) => ({
  observe: (el) => onChange([el], []),
  unobserve() {},
  disconnect() {},
});

/** Shortest time between two passes while the rep scrolls: well inside the one viewport of margin. */
export const UPDATE_GAP_MS = 100;

/**
 * One viewport above and below: a rep scrolling at reading speed never sees a number before its
 * highlight. An element with no box (display: none, detached) is never near.
 */
export function isNearViewport(
  rect: { top: number; bottom: number; width: number; height: number },
  viewportHeight: number,
): boolean {
  if (rect.width === 0 && rect.height === 0) return false;
  return rect.bottom >= -viewportHeight && rect.top <= 2 * viewportHeight;
}

/** Elements skipped at once when two, this far apart in page order, are both far from the screen. */
const STRIDE = 32;

/**
 * -1 or 1 when a box is more than five viewports above or below the screen (0 otherwise): far enough that
 * a page whose order and layout disagree (a fixed bar, columns) still has its near elements read one by one.
 */
export function farSide(rect: { top: number; bottom: number }, viewportHeight: number): -1 | 0 | 1 {
  if (rect.bottom < -5 * viewportHeight) return -1;
  if (rect.top > 6 * viewportHeight) return 1;
  return 0;
}

export interface RectViewportDeps {
  win: Pick<Window, 'innerHeight' | 'addEventListener' | 'removeEventListener'>;
  /** The next frame (requestAnimationFrame), so a pass reads a layout the browser is about to need anyway. */
  frame(fn: () => void): void;
  setTimeout(fn: () => void, ms: number): unknown;
  now(): number;
}

export function rectViewport(deps: RectViewportDeps): ViewportWatchFactory {
  return (onChange) => {
    const watched = new Set<Element>();
    const shown = new Set<Element>();
    let scheduled = false;
    let last = Number.NEGATIVE_INFINITY;
    let stopped = false;

    function pass(): void {
      scheduled = false;
      if (stopped) return;
      last = deps.now();
      const height = deps.win.innerHeight;
      const nowShown: Element[] = [];
      const nowHidden: Element[] = [];
      const all = [...watched];
      for (let i = 0; i < all.length; i++) {
        const el = all[i] as Element;
        const rect = el.getBoundingClientRect();
        const near = isNearViewport(rect, height);
        if (near !== shown.has(el)) {
          if (near) {
            shown.add(el);
            nowShown.push(el);
          } else {
            shown.delete(el);
            nowHidden.push(el);
          }
        }
        // Far from the screen: if the element STRIDE further on (in the order they were found, which is
        // the page's order) is far on the same side, those between are taken to be too, unless shown now.
        const side = farSide(rect, height);
        if (side === 0 || i + STRIDE >= all.length) continue;
        const ahead = all[i + STRIDE] as Element;
        if (farSide(ahead.getBoundingClientRect(), height) !== side) continue;
        for (let j = i + 1; j < i + STRIDE; j++) {
          const between = all[j] as Element;
          if (shown.delete(between)) nowHidden.push(between);
        }
        i += STRIDE - 1;
      }
      if (nowShown.length || nowHidden.length) onChange(nowShown, nowHidden);
    }

    function schedule(): void {
      if (scheduled || stopped) return;
      scheduled = true;
      const wait = last + UPDATE_GAP_MS - deps.now();
      if (wait > 0) deps.setTimeout(() => deps.frame(pass), wait);
      else deps.frame(pass);
    }

    const listen = { capture: true, passive: true } as const;
    // Capture: scroll events of inner containers don't bubble, but they do pass the window on the way down.
    deps.win.addEventListener('scroll', schedule, listen);
    deps.win.addEventListener('resize', schedule, listen);
    return {
      observe(el) {
        watched.add(el);
        schedule();
      },
      unobserve(el) {
        watched.delete(el);
        shown.delete(el);
      },
      disconnect() {
        stopped = true;
        watched.clear();
        shown.clear();
        deps.win.removeEventListener('scroll', schedule, listen);
        deps.win.removeEventListener('resize', schedule, listen);
      },
    };
  };
}

/** rectViewport for a live window, or showEverything where there is none. */
export function viewportFor(win: (Window & typeof globalThis) | null): ViewportWatchFactory {
  if (!win || typeof win.requestAnimationFrame !== 'function') return showEverything;
  return rectViewport({
    win,
    frame: (fn) => win.requestAnimationFrame(fn),
    setTimeout: (fn, ms) => win.setTimeout(fn, ms),
    now: () => win.performance.now(),
  });
}
