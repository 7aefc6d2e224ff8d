/**
 * Which parts of a page the detector reads. Text in `code`/`pre` is skipped: phone-shaped digits in code
 * listings are almost always something else (ids, constants), and reps don't text from code.
 */
const SKIPPED_TAGS = new Set([
  'SCRIPT',
  'STYLE',
  'NOSCRIPT',
  'TEMPLATE',
  'TEXTAREA',
  'INPUT',
  'SELECT',
  'OPTION',
  'CODE',
  'PRE',
  'SVG',
  'CANVAS',
  'IFRAME',
  'HEAD',
  'TITLE',
]);

/** Attribute our own UI carries, so the detector never reads itself. */
export const OWN_UI_ATTRIBUTE = 'data-close-sms-ui';

/** Minimum length of a text node that could hold a phone number or a lead id. */
export const MIN_TEXT_LENGTH = 7;

/** True when an element and its subtree must not be scanned. Style is not read here (see isVisible). */
export function isSkippedElement(el: Element): boolean {
  if (SKIPPED_TAGS.has(el.tagName.toUpperCase())) return true;
  if (el.hasAttribute(OWN_UI_ATTRIBUTE) || el.hasAttribute('hidden')) return true;
  if (el.getAttribute('aria-hidden') === 'true') return true;
  if ((el as HTMLElement).isContentEditable) return true;
  return false;
}

/** True when a node sits inside a skipped element (used for subtrees added after the first scan). */
export function isInsideSkipped(node: Node): boolean {
  for (
    let el = node.nodeType === Node.ELEMENT_NODE ? (node as Element) : node.parentElement;
    el;
    el = el.parentElement
  ) {
    if (isSkippedElement(el)) return true;
  }
  return false;
}

/**
 * Rendered or not. Only asked for elements whose text matched, so computed style is read rarely.
 * checkVisibility covers display:none ancestors and visibility:hidden.
 */
export function isVisible(el: Element): boolean {
  const h = el as HTMLElement;
  if (typeof h.checkVisibility === 'function') return h.checkVisibility({ visibilityProperty: true });
  const style = el.ownerDocument.defaultView?.getComputedStyle(el);
  return !style || (style.display !== 'none' && style.visibility !== 'hidden');
}

/** Links whose href names a number (`tel:`, `sms:`, `callto:`) or a Close lead: read by href, not by text. */
export function isInterestingLink(el: Element): el is HTMLAnchorElement {
  if (el.tagName !== 'A') return false;
  const href = el.getAttribute('href') ?? '';
  return /^\s*(tel|sms|callto):/i.test(href) || href.includes('lead_');
}

export interface NodeBatch {
  texts: Text[];
  links: HTMLAnchorElement[];
  shadowRoots: ShadowRoot[];
}

/**
 * A walk over one subtree that can stop after `budget` nodes and resume later, so a 10,000-row table is
 * read in slices. A TreeWalker (not recursion): a 5,000-level-deep DOM must not overflow the stack.
 */
export function createSubtreeWalk(root: Node): { next(budget: number): NodeBatch & { done: boolean } } {
  const doc = root.nodeType === Node.DOCUMENT_NODE ? (root as Document) : (root.ownerDocument as Document);
  if (root.nodeType === Node.TEXT_NODE) {
    let given = false;
    return {
      next() {
        const texts = !given && (root as Text).data.length >= MIN_TEXT_LENGTH ? [root as Text] : [];
        given = true;
        return { texts, links: [], shadowRoots: [], done: true };
      },
    };
  }
  const walker = doc.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT, {
    acceptNode(node) {
      if (node.nodeType === Node.TEXT_NODE) {
        return (node as Text).data.length >= MIN_TEXT_LENGTH ? NodeFilter.FILTER_ACCEPT : NodeFilter.FILTER_REJECT;
      }
      return isSkippedElement(node as Element) ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT;
    },
  });
  let started = false;
  return {
    next(budget) {
      const batch: NodeBatch & { done: boolean } = { texts: [], links: [], shadowRoots: [], done: false };
      for (let i = 0; i < budget; i++) {
        const node = started ? walker.nextNode() : walker.currentNode;
        started = true;
        if (!node) {
          batch.done = true;
          break;
        }
        if (node.nodeType === Node.TEXT_NODE) batch.texts.push(node as Text);
        else if (node.nodeType === Node.ELEMENT_NODE) {
          const el = node as Element;
          if (el.shadowRoot) batch.shadowRoots.push(el.shadowRoot);
          if (isInterestingLink(el)) batch.links.push(el);
        }
      }
      return batch;
    },
  };
}

/**
 * isSkippedElement's attribute rules as one selector, for querySelectorAll; its tags are checked by name
 * during the walk (as selectors too, they made the query several times slower on a 10,000-row table).
 */
const SKIPPED_BY_ATTRIBUTE = [
  `[${OWN_UI_ATTRIBUTE}]`,
  '[hidden]',
  '[aria-hidden="true"]',
  '[contenteditable]:not([contenteditable="false" i])',
].join(',');
const SKIPPED_NAMES = new Set([...SKIPPED_TAGS].map((t) => t.toLowerCase()));

/**
 * The walk of the detector and of the prefilter (candidate-watch.ts): the batches of createSubtreeWalk
 * without its filter callback (a call from the browser into JavaScript for every node was most of what a
 * page without numbers cost: ~10 ms for a 4,000-node page, measured with the CDP profiler), with skipped
 * subtrees left out as it goes. Leaving them in cost more: breitbart's 328 kB <style> in <body> is full of
 * digit runs, and scanning it for candidates was 73 ms of script on that page. Which
 * elements are skipped is asked once, of the browser (one querySelectorAll), instead of per text up its
 * ancestors (isInsideSkipped: a call per ancestor and `isContentEditable`, which updates style, for each
 * of a 10,000-row table's 20,000 digit-bearing texts). An element added to the walked subtree after the
 * walk started is skipped by its tag only; the detector's MutationObserver queues it again anyway.
 * A batch is valid until the next call.
 */
export function createPrunedWalk(root: Node): { next(budget: number): NodeBatch & { done: boolean } } {
  if (root.nodeType === Node.TEXT_NODE) return createSubtreeWalk(root);
  const doc = root.nodeType === Node.DOCUMENT_NODE ? (root as Document) : (root.ownerDocument as Document);
  const holder = root as Partial<ParentNode>;
  const skipped = new Set<Node>(
    typeof holder.querySelectorAll === 'function' ? holder.querySelectorAll(SKIPPED_BY_ATTRIBUTE) : [],
  );
  const editable = doc.designMode === 'on';
  const walker = doc.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
  let node: Node | null = walker.currentNode;
  // The next node after the current one's subtree, or null at the end of the walk's root.
  const pastSubtree = (): Node | null => {
    for (;;) {
      const sibling = walker.nextSibling();
      if (sibling) return sibling;
      const parent = walker.parentNode();
      if (!parent || parent === root) return null;
    }
  };
  // One batch object for the whole walk, emptied by each call: both callers read a batch before asking
  // for the next, and a table's 400 batches of 256 nodes were 1.9 MB of short-lived arrays.
  const batch: NodeBatch & { done: boolean } = { texts: [], links: [], shadowRoots: [], done: false };
  return {
    next(budget) {
      batch.texts.length = 0;
      batch.links.length = 0;
      batch.shadowRoots.length = 0;
      if (editable) node = null;
      for (let i = 0; i < budget && node; i++) {
        if (node.nodeType === Node.TEXT_NODE) {
          if ((node as Text).length >= MIN_TEXT_LENGTH) batch.texts.push(node as Text);
          node = walker.nextNode();
          continue;
        }
        const el = node as Element;
        const name = el.localName;
        if (node !== root && (skipped.has(el) || SKIPPED_NAMES.has(name))) {
          node = pastSubtree();
          continue;
        }
        if (el.shadowRoot) batch.shadowRoots.push(el.shadowRoot);
        if (name === 'a' && isInterestingLink(el)) batch.links.push(el);
        node = walker.nextNode();
      }
      batch.done = node === null;
      return batch;
    },
  };
}
