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

/**
 * Elements that can hold a shadow root besides custom elements (names with a '-'): attachShadow and
 * declarative shadow DOM accept no others, so a table's rows and cells are never asked for one.
 */
const SHADOW_HOST_NAMES = new Set([
  'article',
  'aside',
  'blockquote',
  'body',
  'div',
  'footer',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'main',
  'nav',
  'p',
  'section',
  'span',
]);

/** The last node of a subtree in document order: a walk set there goes on after the subtree. */
function lastDescendant(node: Node): Node {
  let last = node;
  while (last.lastChild) last = last.lastChild;
  return last;
}

/** What the walk must do when it reaches an element: skip its subtree, or hand it over (a link, a shadow root). */
type Landmark = { el: Element; kind: 'skip' | 'host' | 'link'; marker: Text | null };
/** For one element that is several landmarks: a skip first, so the others go with it. */
const KIND_ORDER = { skip: 0, host: 1, link: 2 } as const;

/**
 * The elements of `root` (itself included, but never skipped) that a text walk must act on, in document
 * order: the skipped ones by attribute (one query) and by name, the interesting links and the open shadow
 * roots, the last two read in one pass over the elements. On the 10,000-row table that pass (a TreeWalker
 * over elements only, reading each one's name) took 8 ms where a getElementsByTagName per name took 14 and
 * one selector list of every name 22.
 */
function landmarksOf(root: Document | Element | ShadowRoot, doc: Document): Landmark[] {
  const landmarks: Landmark[] = [];
  const add = (el: Element, kind: Landmark['kind']) => landmarks.push({ el, kind, marker: null });
  for (const el of root.querySelectorAll(SKIPPED_BY_ATTRIBUTE)) add(el, 'skip');
  const elements = doc.createTreeWalker(root, NodeFilter.SHOW_ELEMENT);
  const isRoot = root.nodeType === Node.ELEMENT_NODE;
  for (let node = isRoot ? root : elements.nextNode(); node; node = elements.nextNode()) {
    const el = node as Element;
    const name = el.localName;
    if (node !== root && SKIPPED_NAMES.has(name)) {
      add(el, 'skip');
      // On past its subtree: what a skipped part holds goes with it anyway.
      elements.currentNode = lastDescendant(el);
    } else if ((SHADOW_HOST_NAMES.has(name) || name.includes('-')) && el.shadowRoot) add(el, 'host');
    else if (name === 'a' && isInterestingLink(el)) add(el, 'link');
  }
  landmarks.sort((a, b) => {
    if (a.el === b.el) return KIND_ORDER[a.kind] - KIND_ORDER[b.kind];
    return a.el.compareDocumentPosition(b.el) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1;
  });
  return landmarks;
}

/**
 * The detector's walk: createPrunedWalk's batches, for a subtree that is read to the end. Only text nodes
 * are visited by it: the elements that matter are found first (landmarksOf), each with its "marker", the
 * first text node after it in document order, so the walk knows it has reached one by the identity of a
 * text alone. On the 10,000-row table, createPrunedWalk's property reads on every element (name, shadow
 * root, skipped or not) for 90,000 nodes were most of the detector's time; this reads 40,000 texts and one
 * name per element. Elements added after the walk started are not looked for; the detector's
 * MutationObserver queues them again anyway. A batch is valid until the next call.
 */
export function createTextWalk(root: Node): { next(budget: number): NodeBatch & { done: boolean } } {
  if (root.nodeType === Node.TEXT_NODE) return createSubtreeWalk(root);
  const doc = root.nodeType === Node.DOCUMENT_NODE ? (root as Document) : (root.ownerDocument as Document);
  const holder = root as Document | Element | ShadowRoot;
  const editable = doc.designMode === 'on';
  const texts = doc.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const landmarks = editable || typeof holder.querySelectorAll !== 'function' ? [] : landmarksOf(holder, doc);
  for (const landmark of landmarks) {
    texts.currentNode = landmark.el;
    landmark.marker = texts.nextNode() as Text | null;
  }
  texts.currentNode = root;
  let next = 0;
  let node: Node | null = editable ? null : texts.nextNode();
  // One batch object for the whole walk, emptied by each call: both callers read a batch before asking for
  // the next, and a table's 400 batches were 1.9 MB of short-lived arrays.
  const batch: NodeBatch & { done: boolean } = { texts: [], links: [], shadowRoots: [], done: false };
  const handOver = ({ el, kind }: Landmark) => {
    if (kind === 'link') batch.links.push(el as HTMLAnchorElement);
    else if (kind === 'host' && el.shadowRoot) batch.shadowRoots.push(el.shadowRoot);
  };
  // Acts on every landmark whose marker is `at` (on all that are left, at the end of the walk) and returns
  // the text the walk goes on with: `at`, or the first one after the skipped subtree that holds it.
  const reach = (at: Text | null, end = false): Text | null => {
    let text = at;
    while (next < landmarks.length && (end || (landmarks[next] as Landmark).marker === text)) {
      const landmark = landmarks[next++] as Landmark;
      if (landmark.kind !== 'skip') {
        handOver(landmark);
        continue;
      }
      const skipped = landmark.el;
      // Landmarks inside a skipped subtree go with it.
      while (next < landmarks.length && skipped.contains((landmarks[next] as Landmark).el)) next++;
      if (text === null || !skipped.contains(text)) continue;
      texts.currentNode = lastDescendant(skipped);
      text = texts.nextNode() as Text | null;
    }
    return text;
  };
  return {
    next(budget) {
      batch.texts.length = 0;
      batch.links.length = 0;
      batch.shadowRoots.length = 0;
      for (let i = 0; i < budget && node; i++) {
        node = reach(node as Text);
        if (!node) break;
        if ((node as Text).length >= MIN_TEXT_LENGTH) batch.texts.push(node as Text);
        node = texts.nextNode();
      }
      // After the last text: what has no text after it, and what a page change took the marker of.
      if (!node) reach(null, true);
      batch.done = node === null;
      return batch;
    },
  };
}
