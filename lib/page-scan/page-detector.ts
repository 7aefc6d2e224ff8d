/**
 * Finds phone numbers and Close lead ids on a live page without changing it: reads text nodes, keeps what
 * it found per node, paints highlights through a sink (the CSS Custom Highlight API in the browser), and
 * reports a de-duplicated summary. Work runs in slices under a time budget and only changed subtrees are
 * rescanned, so big and busy pages stay responsive.
 *
 * Paint only what can be seen: every match of the page is kept (the popup's findings cover the whole
 * page), but a highlight range exists only while its element is in or near the viewport (viewport-watch.ts:
 * one viewport of margin above and below, updated in batches while the rep scrolls). Each range in a
 * registered highlight costs style and paint work on every change, which on a 10,000-row table cost more
 * than finding the numbers (see tests/bench/).
 *
 * Which digits are phone numbers is answered by the background (`findPhones`, lib/background/
 * number-reader.ts): texts that may hold one are sent in batches while the walk goes on, so the page
 * never loads libphonenumber's metadata or runs its validator. Lead ids are a plain pattern, found here.
 */
import { mayContainPhone } from '../detect/find-candidates';
import { findLeadIds } from '../detect/find-lead-ids';
import { MAX_BATCH_CHARS, MAX_BATCH_TEXT_CHARS, MAX_BATCH_TEXTS, type PhoneAnswer } from '../detect/number-batch';
import type { FoundNumber, PageFindings } from '../page-findings';
import { createTextWalk, isInsideSkipped, isVisible, OWN_UI_ATTRIBUTE } from './text-nodes';
import { type ViewportWatchFactory, viewportFor } from './viewport-watch';

export interface TextMatch {
  start: number;
  end: number;
  /** E.164 for a number, or the lead id. */
  value: string;
  kind: 'phone' | 'lead';
  /** How a link's href wrote the number; a text's is read from the node when findings are reported. */
  raw?: string;
}

export interface HighlightSink {
  add(range: Range): void;
  remove(range: Range): void;
  clear(): void;
}

/** The phone numbers in these texts (the background's findNumbers). May reject: it is retried. */
export type FindPhones = (texts: string[]) => Promise<PhoneAnswer>;

export interface DetectorOptions {
  root: Document;
  findPhones: FindPhones;
  highlights: HighlightSink;
  onFindings(findings: PageFindings): void;
  /** Schedules the next slice; the content script passes its context-bound setTimeout. */
  setTimeout(fn: () => void, ms: number): unknown;
  now?: () => number;
  /** Longest a slice may run, in ms. */
  sliceMs?: number;
  /** Quiet period before findings are reported. */
  reportDelayMs?: number;
  /** Shortest time between two highlight updates while a scan is running. */
  flushMs?: number;
  /** Which elements are near the viewport (default: their rectangles, viewport-watch.ts). */
  viewport?: ViewportWatchFactory;
  /** Wait before asking again after a failed request (the worker may be restarting), times the attempt. */
  retryMs?: number;
}

/** Huge text nodes are read in windows; a window and its overlap at both ends is MAX_BATCH_TEXT_CHARS. */
const WINDOW_OVERLAP = 128;
const WINDOW = MAX_BATCH_TEXT_CHARS - 2 * WINDOW_OVERLAP;
const WALK_STEP = 256;
/** Requests in flight at once: the next batch is gathered while the background reads one. */
const MAX_IN_FLIGHT = 2;
/** Attempts per request before its texts are given up (the page goes on; a later change rescans them). */
const MAX_ATTEMPTS = 4;
/** Longest wait for a report while a big page is still being scanned. */
const MAX_REPORT_GAP_MS = 2000;
/** The popup lists numbers for a person to pick: the most frequent few hundred are plenty. */
export const MAX_REPORTED_NUMBERS = 500;

type WorkItem = { walk: ReturnType<typeof createTextWalk> };

/** A window of a text: `slice` starts at `from`; matches starting at `to` or later belong to the next one. */
export interface TextWindow {
  from: number;
  to: number;
  slice: string;
}

/**
 * A text node's data in windows of about WINDOW characters. Each window after the first starts at a
 * whitespace within WINDOW_OVERLAP before its boundary, so it never begins inside a longer digit run, and
 * reads WINDOW_OVERLAP past its end, so a number across the boundary is read whole.
 */
export function textWindows(data: string): TextWindow[] {
  if (data.length <= WINDOW) return [{ from: 0, to: data.length, slice: data }];
  const windows: TextWindow[] = [];
  for (let at = 0; at < data.length; at += WINDOW) {
    let from = at;
    if (at > 0) {
      const ws = data.slice(at - WINDOW_OVERLAP, at).search(/\s\S*$/);
      if (ws >= 0) from = at - WINDOW_OVERLAP + ws;
    }
    const to = Math.min(data.length, at + WINDOW);
    windows.push({ from, to, slice: data.slice(from, Math.min(data.length, to + WINDOW_OVERLAP)) });
  }
  return windows;
}

/**
 * One text of a request, and what to do with its answer. Almost every text is a whole text node
 * (`text`): the request's entry and the node's read are one object, as nothing more is needed per text
 * on a page with 20,000 of them. Every answer is checked against the node's data (or the link's href)
 * when it lands, so an answer for text that changed meanwhile is dropped; the change queued a rescan.
 */
type Ask = TextAsk | WindowAsk | LinkAsk;

interface TextAsk {
  kind: 'text';
  text: string;
  attempt: number;
  node: Text;
  leads: TextMatch[];
}

/** A window of a text node longer than WINDOW; the node is committed when every window is answered. */
interface WindowAsk {
  kind: 'window';
  text: string;
  attempt: number;
  long: LongRead;
  window: number;
}

interface LongRead {
  node: Text;
  data: string;
  windows: TextWindow[];
  /** Per window: [start, end, e164] of each number, offsets within the window. */
  hits: [number, number, string][][];
  left: number;
  leads: TextMatch[];
}

/** A link whose href names a number (tel:, sms:, callto:); `text` is the number as the href wrote it. */
interface LinkAsk {
  kind: 'link';
  text: string;
  attempt: number;
  link: HTMLAnchorElement;
  href: string;
  leads: TextMatch[];
}

/** Text nodes to commit and what each holds now, as two parallel lists (no object per node). */
interface Commit {
  nodes: Text[];
  found: TextMatch[][];
}

const NO_MATCHES: TextMatch[] = [];
const NO_NUMBERS: PhoneAnswer = { spans: [], e164: [] };

/** An answer of the expected shape (anything else counts as a failed request and is asked again). */
function isAnswer(a: unknown): a is PhoneAnswer {
  const { spans, e164 } = (a ?? {}) as Partial<PhoneAnswer>;
  return Array.isArray(spans) && Array.isArray(e164) && spans.length === 3 * e164.length;
}

export interface PageDetector {
  /** Queue a subtree (or the whole document at start) for scanning. */
  scan(root: Node): void;
  /** The match under a text position, for the hover button. */
  matchAt(node: Node, offset: number): { match: TextMatch; range: Range } | null;
  findings(): PageFindings;
  /** Resolves when all queued work is done (tests and the bench wait on it). */
  idle(): Promise<void>;
  stop(): void;
}

export function createPageDetector(opts: DetectorOptions): PageDetector {
  const now = opts.now ?? (() => performance.now());
  // 16 ms, not 8: each slice ends in a request to the background and its answer's commit, and on the
  // 10,000-row table half as many of them took the page's main thread 197 instead of 228 ms after load
  // (median of 8 loads, untraced; script 91 instead of 123 ms), with every slice still far below 50 ms.
  const sliceMs = opts.sliceMs ?? 16;
  /** Every match of the page, by text node; `ranges` only while the node's element is near the viewport. */
  const byNode = new Map<Text, { matches: TextMatch[]; ranges: Range[] | null; el: Element | null }>();
  /**
   * Matched text nodes by the element the viewport watch observes (their parent): almost always one node,
   * kept as is (a Set per element was 10,000 Sets on the table); an array only for the rare second one.
   */
  const byElement = new Map<Element, Text | Text[]>();
  const nodesOf = (el: Element): readonly Text[] => {
    const nodes = byElement.get(el);
    return nodes === undefined ? [] : Array.isArray(nodes) ? nodes : [nodes];
  };
  const shownElements = new Set<Element>();
  const links = new Map<HTMLAnchorElement, TextMatch[]>();
  const queue: WorkItem[] = [];
  let scheduled = false;
  let stopped = false;
  let reportPending = false;
  let idleWaiters: (() => void)[] = [];
  // Highlight changes are applied in batches: each change makes the browser repaint every highlight and
  // restyle before the next visibility check, which on a 10,000-row table costs more than the scan itself.
  const toAdd = new Set<Range>();
  const toRemove = new Set<Range>();
  let lastFlush = 0;
  const highlights: HighlightSink = {
    add: (r) => toAdd.add(r),
    remove: (r) => {
      if (!toAdd.delete(r)) toRemove.add(r);
    },
    clear: () => opts.highlights.clear(),
  };
  /** Elements to hand to the viewport watch at the next flush once the scan is idle. */
  const toObserve: Element[] = [];
  function flushHighlights(force: boolean): void {
    if (!force && now() - lastFlush < (opts.flushMs ?? 300)) return;
    lastFlush = now();
    // Taken first: a watch may answer inside observe() (showEverything does), flushing again. Only once the
    // scan is idle: one viewport pass for the whole table, not one per slice while it is read.
    if (queue.length === 0) for (const el of toObserve.splice(0)) if (byElement.has(el)) viewport.observe(el);
    for (const r of toRemove) opts.highlights.remove(r);
    for (const r of toAdd) opts.highlights.add(r);
    toRemove.clear();
    toAdd.clear();
  }

  function schedule(): void {
    if (scheduled || stopped) return;
    scheduled = true;
    opts.setTimeout(runSlice, 0);
  }

  /**
   * Reports go out once the scan is idle (or every few seconds during a long one): each report crosses to
   * the background, and sending a growing list on every slice would cost more than the scan.
   */
  let lastReport = 0;
  function scheduleReport(): void {
    if (reportPending || stopped) return;
    reportPending = true;
    opts.setTimeout(() => {
      reportPending = false;
      if (stopped) return;
      // Busy while texts are still read or asked about: on the table the answers arrive for a while after
      // the walk, and a report per answer was a full findings() pass each (2 MB of tallies and copies).
      const busy = (queue.length > 0 || unsent.length > 0 || inFlight > 0) && now() - lastReport < MAX_REPORT_GAP_MS;
      if (busy) {
        scheduleReport();
        return;
      }
      lastReport = now();
      opts.onFindings(findings());
    }, opts.reportDelayMs ?? 250);
  }

  function forget(node: Text): boolean {
    const old = byNode.get(node);
    if (!old) return false;
    unpaint(old);
    byNode.delete(node);
    if (old.el) {
      const nodes = byElement.get(old.el);
      const left = Array.isArray(nodes) ? nodes.filter((n) => n !== node) : [];
      if (left.length > 1) byElement.set(old.el, left);
      else if (left[0]) byElement.set(old.el, left[0]);
      else if (nodes !== undefined) {
        byElement.delete(old.el);
        shownElements.delete(old.el);
        viewport.unobserve(old.el);
      }
    }
    return true;
  }

  function rangeFor(node: Text, m: TextMatch): Range {
    const range = node.ownerDocument.createRange();
    range.setStart(node, m.start);
    range.setEnd(node, m.end);
    return range;
  }

  function paint(node: Text, entry: { matches: TextMatch[]; ranges: Range[] | null }): void {
    if (entry.ranges) return;
    entry.ranges = entry.matches.map((m) => rangeFor(node, m));
    for (const r of entry.ranges) highlights.add(r);
  }

  function unpaint(entry: { ranges: Range[] | null }): void {
    if (!entry.ranges) return;
    for (const r of entry.ranges) highlights.remove(r);
    entry.ranges = null;
  }

  const viewport = (opts.viewport ?? viewportFor(opts.root.defaultView))((shown, hidden) => {
    if (stopped) return;
    try {
      for (const el of hidden) {
        shownElements.delete(el);
        for (const node of nodesOf(el)) {
          const entry = byNode.get(node);
          if (entry) unpaint(entry);
        }
      }
      for (const el of shown) {
        if (!byElement.has(el)) continue;
        shownElements.add(el);
        for (const node of nodesOf(el)) {
          const entry = byNode.get(node);
          if (entry) paint(node, entry);
        }
      }
      // One highlight update per batch, as the browser delivers them (at most once per frame).
      flushHighlights(true);
    } catch (e) {
      console.debug('[close-sms] highlight error', e);
    }
  });

  // ── Asking the background ──
  /** Texts waiting for a request, in page order; requests take them from the front. */
  const unsent: Ask[] = [];
  let inFlight = 0;
  let retryTimer = false;

  function pump(): void {
    while (!stopped && inFlight < MAX_IN_FLIGHT && unsent.length > 0) {
      let count = 0;
      let chars = 0;
      for (; count < unsent.length && count < MAX_BATCH_TEXTS; count++) {
        const length = (unsent[count] as Ask).text.length;
        if (count > 0 && chars + length > MAX_BATCH_CHARS) break;
        chars += length;
      }
      send(unsent.splice(0, count));
    }
  }

  function send(batch: Ask[]): void {
    inFlight++;
    let answer: PhoneAnswer | null = null;
    opts
      .findPhones(batch.map((b) => b.text))
      .then(
        (a) => {
          answer = isAnswer(a) ? a : null;
        },
        (e) => console.debug('[close-sms] number request failed', e),
      )
      .finally(() => {
        inFlight--;
        if (stopped) return;
        try {
          const got: PhoneAnswer | null = answer;
          const commit: Commit = { nodes: [], found: [] };
          if (got) {
            const { spans, e164 } = got;
            let next = 0;
            for (let i = 0; i < batch.length; i++) {
              while (next < e164.length && (spans[3 * next] as number) < i) next++;
              const first = next;
              while (next < e164.length && spans[3 * next] === i) next++;
              settle(batch[i] as Ask, got, first, next, commit);
            }
          } else retry(batch, commit);
          commitTexts(commit);
          flushHighlights(true);
        } catch (e) {
          console.debug('[close-sms] highlight error', e);
        }
        pump();
        checkIdle();
      });
  }

  /** Numbers first..end of `answer` are the ask's (none when it was given up). */
  function settle(ask: Ask, answer: PhoneAnswer, first: number, end: number, commit: Commit): void {
    const { spans, e164 } = answer;
    if (ask.kind === 'link') {
      const link = ask.link;
      if (!link.isConnected || link.getAttribute('href') !== ask.href) return;
      const phones: TextMatch[] =
        first < end
          ? [
              {
                start: 0,
                end: 0,
                value: e164[first] as string,
                kind: 'phone',
                raw: ask.text.slice(spans[3 * first + 1], spans[3 * first + 2]),
              },
            ]
          : [];
      keepLink(link, [...phones, ...ask.leads]);
      return;
    }
    if (ask.kind === 'window') {
      const long = ask.long;
      const hits: [number, number, string][] = [];
      for (let k = first; k < end; k++)
        hits.push([spans[3 * k + 1] as number, spans[3 * k + 2] as number, e164[k] as string]);
      long.hits[ask.window] = hits;
      if (--long.left === 0 && long.node.data === long.data) commitTo(commit, long.node, matchesOf(long));
      return;
    }
    // Most texts hold no number (a date, an amount) and had none before: nothing to do, nothing allocated.
    if (first === end && ask.leads.length === 0 && (byNode.size === 0 || !byNode.has(ask.node))) return;
    if (ask.node.data !== ask.text) return;
    // Sized up front: the first push onto [] reserves room for 16, most of a table's match memory.
    const found: TextMatch[] = new Array(end - first + ask.leads.length);
    let n = 0;
    for (let k = first; k < end; k++) {
      const start = spans[3 * k + 1] as number;
      found[n++] = { start, end: spans[3 * k + 2] as number, value: e164[k] as string, kind: 'phone' };
    }
    for (const lead of ask.leads) found[n++] = lead;
    commitTo(commit, ask.node, found);
  }

  function commitTo(commit: Commit, node: Text, found: TextMatch[]): void {
    if (found.length === 0 && !byNode.has(node)) return;
    commit.nodes.push(node);
    commit.found.push(found);
  }

  /** A failed request goes back to the front of the line, after a pause; given up after MAX_ATTEMPTS. */
  function retry(batch: Ask[], commit: Commit): void {
    const again: Ask[] = [];
    for (const b of batch) {
      if (++b.attempt < MAX_ATTEMPTS) again.push(b);
      else settle(b, NO_NUMBERS, 0, 0, commit);
    }
    if (again.length === 0) return;
    unsent.unshift(...again);
    retryTimer = true;
    opts.setTimeout(
      () => {
        retryTimer = false;
        pump();
        checkIdle();
      },
      (opts.retryMs ?? 1000) * (again[0] as Ask).attempt,
    );
  }

  /** Queues a text node whose data may hold a number; `leads` were found here already. */
  function askFor(node: Text, data: string, leads: TextMatch[]): void {
    if (data.length <= WINDOW) {
      unsent.push({ kind: 'text', text: data, attempt: 0, node, leads });
      return;
    }
    const windows = textWindows(data);
    const long: LongRead = { node, data, windows, hits: [], left: windows.length, leads };
    windows.forEach((w, window) => {
      unsent.push({ kind: 'window', text: w.slice, attempt: 0, long, window });
    });
  }

  /** The matches of a long text, its windows merged in order. */
  function matchesOf(long: LongRead): TextMatch[] {
    const found: TextMatch[] = [];
    let lastEnd = -1;
    long.windows.forEach((w, i) => {
      for (const [s, e, e164] of long.hits[i] ?? []) {
        const start = w.from + s;
        if (start >= w.to && w.to < long.data.length) break;
        if (start < lastEnd) continue;
        lastEnd = w.from + e;
        found.push({ start, end: lastEnd, value: e164, kind: 'phone' });
      }
    });
    for (const lead of long.leads) found.push(lead);
    return found;
  }

  function leadsIn(data: string): TextMatch[] {
    if (!data.includes('lead_')) return NO_MATCHES;
    const leads = findLeadIds(data);
    if (leads.length === 0) return NO_MATCHES;
    return leads.map((m) => ({ start: m.start, end: m.end, value: m.id, kind: 'lead' }));
  }

  /**
   * Matched nodes are committed once per slice: all visibility checks first, then all highlight changes.
   * Interleaving them would make every check recompute style after the previous highlight change.
   */
  function commitTexts({ nodes, found }: Commit): void {
    const visible = nodes.map((node, i) => {
      const parent = node.parentElement;
      return (found[i] as TextMatch[]).length > 0 && node.isConnected && (!parent || isVisible(parent));
    });
    let changed = false;
    nodes.forEach((node, i) => {
      changed = forget(node) || changed;
      if (!visible[i]) return;
      const matches = (found[i] as TextMatch[]).sort((a, b) => a.start - b.start);
      const el = node.parentElement;
      const entry = { matches, ranges: null, el };
      byNode.set(node, entry);
      changed = true;
      if (!el) {
        paint(node, entry);
        return;
      }
      const nodes = byElement.get(el);
      if (nodes === undefined) {
        byElement.set(el, node);
        toObserve.push(el);
      } else if (Array.isArray(nodes)) nodes.push(node);
      else byElement.set(el, [nodes, node]);
      if (shownElements.has(el)) paint(node, entry);
    });
    if (changed) scheduleReport();
  }

  function readLink(link: HTMLAnchorElement): void {
    const href = link.getAttribute('href') ?? '';
    const leads: TextMatch[] = findLeadIds(href).map((m) => ({ start: 0, end: 0, value: m.id, kind: 'lead' }));
    const phone = /^\s*(?:tel|sms|callto):(?:\/\/)?([^?;,]*)/i.exec(href);
    let value = phone?.[1] ?? '';
    try {
      value = decodeURIComponent(value);
    } catch {
      // A malformed escape: read the href as written.
    }
    if (!value || value.length > 64) {
      keepLink(link, leads);
      return;
    }
    unsent.push({ kind: 'link', text: value, attempt: 0, link, href, leads });
  }

  function keepLink(link: HTMLAnchorElement, found: TextMatch[]): void {
    if (found.length === 0) return;
    links.set(link, found);
    scheduleReport();
  }

  /** One batch of a walk (skipped parts are already left out: createTextWalk). */
  function runWalk(item: WorkItem, done: Commit): boolean {
    const batch = item.walk.next(WALK_STEP);
    for (const text of batch.texts) {
      const data = text.data;
      const phone = mayContainPhone(data);
      // Most text can't hold a number or a lead id: skip it unless it held one before (it may have lost it).
      if (!phone && !data.includes('lead_') && (byNode.size === 0 || !byNode.has(text))) continue;
      const leads = leadsIn(data);
      if (phone) askFor(text, data, leads);
      else commitTo(done, text, leads);
    }
    for (const link of batch.links) readLink(link);
    for (const shadow of batch.shadowRoots) {
      observeShadow(shadow);
      queue.push({ walk: createTextWalk(shadow) });
    }
    return batch.done;
  }

  function runSlice(): void {
    scheduled = false;
    if (stopped) return;
    const deadline = now() + sliceMs;
    const done: Commit = { nodes: [], found: [] };
    while (queue.length && now() < deadline) {
      // Walks of shadow roots are pushed after the walk that found them and handled first (LIFO).
      const item = queue[queue.length - 1] as WorkItem;
      try {
        if (runWalk(item, done)) queue.splice(queue.indexOf(item), 1);
      } catch (e) {
        // A hostile or exotic page must never break the content script: drop this item and go on.
        const at = queue.indexOf(item);
        if (at >= 0) queue.splice(at, 1);
        console.debug('[close-sms] scan error', e);
      }
    }
    try {
      commitTexts(done);
      flushHighlights(queue.length === 0);
    } catch (e) {
      console.debug('[close-sms] highlight error', e);
    }
    // What this slice found is asked for now, while the next slice walks on.
    pump();
    if (queue.length) schedule();
    checkIdle();
  }

  function isIdle(): boolean {
    return queue.length === 0 && !scheduled && unsent.length === 0 && inFlight === 0 && !retryTimer;
  }

  function checkIdle(): void {
    if (!isIdle()) return;
    const waiters = idleWaiters;
    idleWaiters = [];
    for (const w of waiters) w();
  }

  function pruneDisconnected(): void {
    let changed = false;
    for (const node of [...byNode.keys()]) if (!node.isConnected) changed = forget(node) || changed;
    for (const link of [...links.keys()]) {
      if (!link.isConnected) {
        links.delete(link);
        changed = true;
      }
    }
    if (changed) {
      flushHighlights(true);
      scheduleReport();
    }
  }

  function isOwnUi(node: Node): boolean {
    const el = node.nodeType === Node.ELEMENT_NODE ? (node as Element) : node.parentElement;
    return !!el?.closest(`[${OWN_UI_ATTRIBUTE}]`);
  }

  const observer = new MutationObserver((records) => {
    let removed = false;
    for (const r of records) {
      if (r.type === 'characterData') {
        if (r.target.nodeType === Node.TEXT_NODE && !isInsideSkipped(r.target)) scan(r.target);
        continue;
      }
      if (r.type === 'attributes') {
        if (r.target.nodeType === Node.ELEMENT_NODE && (r.target as Element).tagName === 'A') {
          links.delete(r.target as HTMLAnchorElement);
          scan(r.target);
        }
        continue;
      }
      if (r.removedNodes.length) removed = true;
      for (const added of r.addedNodes) if (!isOwnUi(added) && !isInsideSkipped(added)) scan(added);
    }
    if (removed) pruneDisconnected();
  });
  const observeOptions: MutationObserverInit = {
    childList: true,
    subtree: true,
    characterData: true,
    attributes: true,
    attributeFilter: ['href'],
  };
  observer.observe(opts.root, observeOptions);
  function observeShadow(shadow: ShadowRoot): void {
    observer.observe(shadow, observeOptions);
  }

  function scan(root: Node): void {
    if (stopped) return;
    queue.unshift({ walk: createTextWalk(root) });
    schedule();
  }

  function findings(): PageFindings {
    // A tally per number; how the page wrote it is read only for the few hundred reported.
    const numbers = new Map<string, { e164: string; count: number; first: TextMatch; node: Text | null }>();
    const leadIds = new Set<string>();
    const add = (m: TextMatch, node: Text | null) => {
      if (m.kind === 'lead') {
        leadIds.add(m.value);
        return;
      }
      const seen = numbers.get(m.value);
      if (seen) seen.count++;
      else numbers.set(m.value, { e164: m.value, count: 1, first: m, node });
    };
    byNode.forEach(({ matches }, node) => {
      for (const m of matches) add(m, node);
    });
    links.forEach((matches) => {
      for (const m of matches) add(m, null);
    });
    const top = [...numbers.values()].sort((a, b) => b.count - a.count).slice(0, MAX_REPORTED_NUMBERS);
    return {
      url: opts.root.location?.href ?? '',
      numbers: top.map(({ e164, count, first, node }): FoundNumber => {
        const raw = first.raw ?? node?.data.slice(first.start, first.end);
        return { e164, raw: raw || e164, count };
      }),
      leadIds: [...leadIds].slice(0, MAX_REPORTED_NUMBERS),
    };
  }

  return {
    scan,
    findings,
    matchAt(node, offset) {
      const entry = node.nodeType === Node.TEXT_NODE ? byNode.get(node as Text) : undefined;
      if (!entry) return null;
      const i = entry.matches.findIndex((m) => offset >= m.start && offset <= m.end);
      const match = entry.matches[i];
      if (!match) return null;
      // Off-screen numbers have no range until they come near the viewport; the hover needs one now.
      const range = entry.ranges?.[i] ?? rangeFor(node as Text, match);
      return { match, range };
    },
    idle: () => (isIdle() ? Promise.resolve() : new Promise<void>((resolve) => idleWaiters.push(resolve))),
    stop() {
      stopped = true;
      observer.disconnect();
      viewport.disconnect();
      queue.length = 0;
      unsent.length = 0;
      opts.highlights.clear();
      toAdd.clear();
      toRemove.clear();
      toObserve.length = 0;
      byNode.clear();
      byElement.clear();
      shownElements.clear();
      links.clear();
      for (const w of idleWaiters) w();
      idleWaiters = [];
    },
  };
}
