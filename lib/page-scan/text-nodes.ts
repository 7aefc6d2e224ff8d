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
 * Elements that can hold a shadow root besides custom elements (names with a '-'): attachShadow and
 * declarative shadow DOM accept no others, so a table's rows and cells are never asked for one.
 */
const SHADOW_HOST_NAMES = [
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
];

/** Elements with a '-' in their name: an XPath in browsers, every element where there is none (happy-dom). */
function customElementsIn(root: Document | Element | ShadowRoot, doc: Document): Element[] {
  // In the document's own tree only: a shadow tree is small, and XPath's reach into one differs by browser.
  if (typeof doc.evaluate === 'function' && root.getRootNode() === doc) {
    try {
      const found = doc.evaluate(
        ".//*[contains(local-name(), '-')]",
        root,
        null,
        XPathResult.ORDERED_NODE_SNAPSHOT_TYPE,
        null,
      );
      const out: Element[] = [];
      for (let i = 0; i < found.snapshotLength; i++) out.push(found.snapshotItem(i) as Element);
      return out;
    } catch {
      // A document XPath cannot read: ask for every element instead.
    }
  }
  return [...root.querySelectorAll('*')].filter((el) => el.localName.includes('-'));
}

/** `tags` under `root`: by tag name where the root has getElementsByTagName (fast, no selector), else one query. */
function elementsNamed(root: Document | Element | ShadowRoot, tags: readonly string[]): Element[] {
  if (!('getElementsByTagName' in root)) return tags.length ? [...root.querySelectorAll(tags.join(','))] : [];
  const out: Element[] = [];
  for (const tag of tags) for (const el of root.getElementsByTagName(tag)) out.push(el);
  return out;
}

/** What the walk must do when it reaches an element: skip its subtree, or hand it over (a link, a shadow root). */
type Landmark = { el: Element; kind: 'skip' | 'host' | 'link'; marker: Text | null };
/** For one element that is several landmarks: a skip first, so the others go with it. */
const KIND_ORDER = { skip: 0, host: 1, link: 2 } as const;
/** A superset by selector (an href may start with spaces); isInterestingLink decides. */
const INTERESTING_LINK_SUPERSET = 'a[href*="tel:" i], a[href*="sms:" i], a[href*="callto:" i], a[href*="lead_"]';

/** The elements of `root` (itself included, but never skipped) that the walk must act on, in document order. */
function landmarksOf(root: Document | Element | ShadowRoot, doc: Document): Landmark[] {
  const landmarks: Landmark[] = [];
  const add = (el: Element, kind: Landmark['kind']) => landmarks.push({ el, kind, marker: null });
  const consider = (el: Element) => {
    if (isInterestingLink(el)) add(el, 'link');
  };
  if (root.nodeType === Node.ELEMENT_NODE) {
    if ((root as Element).shadowRoot) add(root as Element, 'host');
    consider(root as Element);
  }
  for (const el of root.querySelectorAll(SKIPPED_BY_ATTRIBUTE)) add(el, 'skip');
  for (const el of elementsNamed(root, [...SKIPPED_NAMES])) add(el, 'skip');
  for (const el of root.querySelectorAll(INTERESTING_LINK_SUPERSET)) consider(el);
  for (const el of elementsNamed(root, SHADOW_HOST_NAMES)) if (el.shadowRoot) add(el, 'host');
  for (const el of customElementsIn(root, doc)) if (el.shadowRoot) add(el, 'host');
  landmarks.sort((a, b) => {
    if (a.el === b.el) return KIND_ORDER[a.kind] - KIND_ORDER[b.kind];
    return a.el.compareDocumentPosition(b.el) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1;
  });
  return landmarks;
}

/**
 * The walk of the detector and of the prefilter (candidate-watch.ts): batches of the subtree's text nodes
 * in document order, with skipped subtrees left out and the interesting links and open shadow roots handed
 * over as the walk passes them. Only text nodes are visited: the elements that matter are asked of the
 * browser up front (landmarksOf: skipped ones by tag name and one attribute query, links by one query,
 * shadow hosts among the elements that can be one), each with its "marker", the first text node after it in
 * document order, so the walk knows it has reached one by the identity of a text alone. Visiting every
 * element as well (the walk before this one) gave each row and cell of a 10,000-row table a wrapper in our
 * world: 90,000 nodes instead of 40,000 texts. Leaving skipped subtrees in cost more: breitbart's 328 kB
 * <style> in <body> is full of digit runs, and scanning it for candidates was 73 ms of script on that page;
 * asking per text up its ancestors (isInsideSkipped) was a call per ancestor for each of the table's 20,000
 * digit-bearing texts. Elements added after the walk started are not looked for; the detector's
 * MutationObserver queues them again anyway. A batch is valid until the next call.
 */
export function createPrunedWalk(root: Node): { next(budget: number): NodeBatch & { done: boolean } } {
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
  // Acts on every landmark whose marker is `at` and returns the text the walk goes on with: `at`, or the
  // first one after the skipped subtree that holds it.
  const reach = (at: Text | null): Text | null => {
    let text = at;
    while (next < landmarks.length && (landmarks[next] as Landmark).marker === text) {
      const landmark = landmarks[next++] as Landmark;
      if (landmark.kind !== 'skip') {
        handOver(landmark);
        continue;
      }
      const skipped = landmark.el;
      // Landmarks inside a skipped subtree go with it.
      while (next < landmarks.length && skipped.contains((landmarks[next] as Landmark).el)) next++;
      if (text === null || !skipped.contains(text)) continue;
      let last: Node = skipped;
      while (last.lastChild) last = last.lastChild;
      texts.currentNode = last;
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
      if (!node) {
        // After the last text: what has no text after it, and what a page change took the marker of.
        reach(null);
        for (; next < landmarks.length; next++) {
          const landmark = landmarks[next] as Landmark;
          if (landmark.kind !== 'skip') handOver(landmark);
        }
      }
      batch.done = node === null;
      return batch;
    },
  };
}
