import type { PageFindings } from '../page-findings';
import { createCssHighlightSink } from './css-highlights';
import { caretAt, createHoverButton, type HoverTarget, rangeContainsPoint } from './hover-button';
import { createPageDetector, type FindPhones, type PageDetector } from './page-detector';

/** The subset of WXT's ContentScriptContext the detector needs (so tests can pass their own). */
export interface DetectorContext {
  setTimeout(fn: () => void, ms: number): number;
  addEventListener(target: EventTarget, type: string, fn: (e: Event) => void, options?: AddEventListenerOptions): void;
  onInvalidated(fn: () => void): void;
}

export const HIGHLIGHT_NAME = 'close-sms-number';

export interface StartOptions {
  doc: Document;
  ctx: DetectorContext;
  findPhones: FindPhones;
  report(findings: PageFindings): void;
  openCompose(target: { to?: string; lead?: string }): void;
}

/** Starts detection, highlighting and the hover button on one document; everything stops with the context. */
export function startDetector(opts: StartOptions): PageDetector {
  const { doc, ctx } = opts;
  const highlights = createCssHighlightSink(HIGHLIGHT_NAME);
  const detector = createPageDetector({
    root: doc,
    findPhones: opts.findPhones,
    highlights,
    onFindings: opts.report,
    setTimeout: (fn, ms) => ctx.setTimeout(fn, ms),
  });
  const button = createHoverButton({
    doc,
    setTimeout: (fn, ms) => ctx.setTimeout(fn, ms),
    listen: (type, fn) => ctx.addEventListener(doc, type, fn as (e: Event) => void, { passive: true, capture: true }),
    targetAt(x, y) {
      const caret = caretAt(doc, x, y);
      const hit = caret && detector.matchAt(caret.node, caret.offset);
      const rect = hit && rangeContainsPoint(hit.range, x, y);
      return hit && rect ? { value: hit.match.value, kind: hit.match.kind, rect } : null;
    },
    targetForElement(el) {
      const f = detector.findings();
      const href = el.getAttribute('href') ?? '';
      const lead = f.leadIds.find((id) => href.includes(id));
      const phone = f.numbers.find((n) => href.replace(/[^\d+]/g, '').endsWith(n.e164.slice(-7)));
      const rect = el.getBoundingClientRect();
      if (phone) return { value: phone.e164, kind: 'phone', rect };
      return lead ? { value: lead, kind: 'lead', rect } : null;
    },
    onPick: (t: HoverTarget) => opts.openCompose(t.kind === 'phone' ? { to: t.value } : { lead: t.value }),
  });
  detector.scan(doc.body ?? doc.documentElement);
  ctx.onInvalidated(() => {
    detector.stop();
    button.destroy();
  });
  return detector;
}
