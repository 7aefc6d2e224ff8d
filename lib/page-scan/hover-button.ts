/**
 * One small "Text" button that follows the detected number under the pointer (or the focused tel: link).
 * It lives in a closed shadow root on a host appended to <html>, created on first use: the page's body and
 * its text are never touched, page CSS cannot restyle it and page script cannot reach the button.
 *
 * Trust: the page's own script shares the DOM with us and can dispatch any event it likes. Only events
 * the browser marks `isTrusted` (real pointer, keyboard and focus input) show, move or press the button,
 * so a page can neither open compose by itself nor slide the button under the rep's pointer. Keyboard
 * activation (Enter/Space on the focused button) reaches us as a trusted click.
 */
import { isInterestingLink, OWN_UI_ATTRIBUTE } from './text-nodes';

export interface HoverTarget {
  /** What the button texts: an E.164 number or a lead id. */
  value: string;
  kind: 'phone' | 'lead';
  rect: DOMRect;
}

export interface HoverButtonOptions {
  doc: Document;
  /** Finds the detected number at a viewport point, if any. */
  targetAt(x: number, y: number): HoverTarget | null;
  /** Finds the detected number a focused element (a tel: link) stands for. */
  targetForElement(el: Element): HoverTarget | null;
  onPick(target: HoverTarget): void;
  /** Listener registration tied to the content-script context, so nothing outlives an extension update. */
  listen<K extends keyof DocumentEventMap>(type: K, fn: (e: DocumentEventMap[K]) => void): void;
  setTimeout(fn: () => void, ms: number): unknown;
}

const STYLE = `
  :host { all: initial; }
  button {
    position: fixed; z-index: 2147483647; font: 600 12px/1 system-ui, sans-serif; padding: 4px 8px;
    border: 0; border-radius: 10px; background: #2563eb; color: #fff; cursor: pointer;
    box-shadow: 0 1px 4px rgb(0 0 0 / 0.3);
  }
  button:focus-visible { outline: 2px solid #f59e0b; outline-offset: 2px; }
  button[hidden] { display: none; }
`;

export function createHoverButton(opts: HoverButtonOptions): { hide(): void; destroy(): void } {
  let host: HTMLElement | null = null;
  let button: HTMLButtonElement | null = null;
  let current: HoverTarget | null = null;
  let framePending = false;
  let lastPoint = { x: 0, y: 0 };
  let hideTimer = 0;

  function ensureButton(): HTMLButtonElement {
    if (button) return button;
    host = opts.doc.createElement('close-sms-button');
    host.setAttribute(OWN_UI_ATTRIBUTE, '');
    const shadow = host.attachShadow({ mode: 'closed' });
    const style = opts.doc.createElement('style');
    style.textContent = STYLE;
    button = opts.doc.createElement('button');
    button.type = 'button';
    button.hidden = true;
    button.addEventListener('click', (e) => {
      e.preventDefault();
      e.stopPropagation();
      if (!e.isTrusted) return;
      const target = current;
      hide();
      if (target) opts.onPick(target);
    });
    button.addEventListener('mouseenter', () => clearTimeout(hideTimer));
    button.addEventListener('mouseleave', () => scheduleHide());
    shadow.append(style, button);
    opts.doc.documentElement.append(host);
    return button;
  }

  function show(target: HoverTarget): void {
    clearTimeout(hideTimer);
    const b = ensureButton();
    current = target;
    b.textContent = 'Text';
    b.setAttribute(
      'aria-label',
      target.kind === 'phone' ? `Text ${target.value} with Close` : `Text lead ${target.value}`,
    );
    const view = opts.doc.defaultView;
    const maxLeft = (view?.innerWidth ?? 1000) - 60;
    b.style.left = `${Math.max(0, Math.min(target.rect.right + 4, maxLeft))}px`;
    b.style.top = `${Math.max(0, target.rect.top + target.rect.height / 2 - 11)}px`;
    b.hidden = false;
  }

  function hide(): void {
    current = null;
    if (button) button.hidden = true;
  }

  function scheduleHide(): void {
    clearTimeout(hideTimer);
    hideTimer = opts.setTimeout(hide, 600) as number;
  }

  // Pointer moves are coalesced to one hit test per animation frame.
  opts.listen('mousemove', (e) => {
    if (!e.isTrusted) return;
    lastPoint = { x: e.clientX, y: e.clientY };
    if (framePending) return;
    framePending = true;
    requestAnimationFrame(() => {
      framePending = false;
      const target = opts.targetAt(lastPoint.x, lastPoint.y);
      if (target) show(target);
      else if (current) scheduleHide();
    });
  });
  opts.listen('focusin', (e) => {
    if (!e.isTrusted) return;
    const el = e.target instanceof Element ? e.target : null;
    const target = el && isInterestingLink(el) ? opts.targetForElement(el) : null;
    if (target) show(target);
  });
  opts.listen('keydown', (e) => {
    if (e.key === 'Escape') hide();
  });
  opts.listen('scroll', () => hide());

  return {
    hide,
    destroy() {
      hide();
      host?.remove();
      host = null;
      button = null;
    },
  };
}

/** The text position under a viewport point, with whichever caret API this browser has. */
export function caretAt(doc: Document, x: number, y: number): { node: Node; offset: number } | null {
  const d = doc as Document & {
    caretPositionFromPoint?: (x: number, y: number) => { offsetNode: Node; offset: number } | null;
  };
  if (typeof d.caretPositionFromPoint === 'function') {
    const p = d.caretPositionFromPoint(x, y);
    return p ? { node: p.offsetNode, offset: p.offset } : null;
  }
  const r = doc.caretRangeFromPoint?.(x, y);
  return r ? { node: r.startContainer, offset: r.startOffset } : null;
}

/** True when a point lies inside one of a range's boxes: the caret APIs snap to the nearest text. */
export function rangeContainsPoint(range: Range, x: number, y: number): DOMRect | null {
  for (const rect of range.getClientRects()) {
    if (x >= rect.left - 1 && x <= rect.right + 1 && y >= rect.top - 1 && y <= rect.bottom + 1) return rect;
  }
  return null;
}
