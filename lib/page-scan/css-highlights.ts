import type { HighlightSink } from './page-detector';

/**
 * Paints matches with the CSS Custom Highlight API: no element is added or changed in the page, so
 * frameworks that own the DOM (React, Vue) never see us. The registry is shared with the page, which may
 * clear it, so it is treated as display only and re-registered when it goes missing.
 */
export function createCssHighlightSink(name: string): HighlightSink {
  if (typeof CSS === 'undefined' || !('highlights' in CSS) || typeof Highlight === 'undefined') {
    return { add() {}, remove() {}, clear() {} };
  }
  const highlight = new Highlight();
  const ensureRegistered = () => {
    if (CSS.highlights.get(name) !== highlight) CSS.highlights.set(name, highlight);
  };
  ensureRegistered();
  return {
    add(range) {
      highlight.add(range);
      ensureRegistered();
    },
    remove(range) {
      highlight.delete(range);
    },
    clear() {
      highlight.clear();
      if (CSS.highlights.get(name) === highlight) CSS.highlights.delete(name);
    },
  };
}
