/**
 * Frames without a script of our own. The always-on prefilter runs in the top frame only: a content
 * script in each frame costs each frame a JavaScript world of its own (≈ 1 ms per frame in real Chromium,
 * so 20 frames without numbers cost 6 times one; `npm run bench -- --only frames`). Instead the background
 * runs `probeFrame` in the page's own world (scripting.executeScript, world MAIN), which already exists:
 * first once in the top frame, reading every frame it can reach; only when that finds a frame that could
 * hold a number, or one it can't read, in every frame for its own answer. Frames that could hold a number
 * get the prefilter (and then, if it agrees, the detector); the others are left alone, with an observer
 * that tells the top frame when their content changes.
 *
 * Runs in the page's world, so its answer is only a hint: the page can make it say "look" (and pay for
 * our scan of its own frame) or "clear" (hide its own numbers, which it could do anyway). It returns one
 * word and takes two; nothing it reads goes anywhere else. (Its observer's hint to the top frame is seen
 * by the page too: it says only that a frame changed.)
 *
 * Serialized by the browser: it must not refer to anything outside its own body (no imports, no
 * module constants). Its tests run it rebuilt from its source (frame-probe.test.ts).
 */
/**
 * 'top': asked of the top frame in 'self' scope (its prefilter reads it); 'look': a frame could hold a
 * number; 'clear': nothing could be (an observer watches for more); 'unreadable': in 'tree' scope, a frame
 * the top frame's world can't read (cross-origin), which only a probe in that frame can answer.
 */
export type FrameVerdict = 'top' | 'look' | 'clear' | 'unreadable';

/** What a frame posts to the top frame when its content changed after a "clear". */
export const FRAME_HINT = 'close-sms:frame-changed';

/**
 * scope 'tree', run in the top frame: reads every frame it can reach (same-origin, at any depth) from the
 * top frame's world, one function call for all of them — 20 frames without numbers then cost about what
 * one does, where a call in each frame cost ~0.2 ms per frame. scope 'self', run in every frame: the
 * frame's own answer, for when 'tree' said 'look' or 'unreadable'.
 */
export function probeFrame(hint: string, scope: 'tree' | 'self'): FrameVerdict {
  // Mirrors candidate-watch.ts's cheap answer: fewer than 7 digits, no tel:/sms:/lead link and no open
  // shadow root means nothing here could be a number or a lead id. Shadow hosts are looked for among
  // custom elements only, with one native query: checking every element meant a wrapper per element in
  // each frame's world, most of what a probe of 20 small frames cost (2.3 of 4 ms). A frame whose only
  // text sits in a shadow root of a built-in element (a <div>) is the case this gives up.
  // Everything is read with XPath, by one evaluator of the world the probe runs in: results of a frame's
  // own document.evaluate (or querySelector) are made in that frame's world, where the first of each kind
  // costs ~50 µs per frame; this world's cost that once. 20 frames without numbers, first read, in
  // Chromium (median of 9): 2.1 ms with each frame's own evaluate and querySelector, 1.0 ms this way.
  // Not document.createExpression: Firefox ties those to their document. Test DOMs without XPath read
  // the text and elements directly.
  const evaluator = typeof XPathEvaluator === 'function' ? new XPathEvaluator() : null;
  const LINK =
    "//a[contains(translate(@href, 'TELSMCAO', 'telsmcao'), 'tel:') or contains(translate(@href, 'TELSMCAO', 'telsmcao'), 'sms:')" +
    " or contains(translate(@href, 'TELSMCAO', 'telsmcao'), 'callto:') or contains(@href, 'lead_')]";
  const CUSTOM = "//*[contains(local-name(), '-')]";
  // 2: XPathResult.STRING_TYPE, 1: NUMBER_TYPE, 7: ORDERED_NODE_SNAPSHOT_TYPE. The string value of the
  // document is its text nodes' data joined, as documentElement.textContent is.
  const text = evaluator?.createExpression('string(/)');
  const linkOrCustom = evaluator?.createExpression(`count(${LINK} | ${CUSTOM})`);
  const links = evaluator?.createExpression(`count(${LINK})`);
  const custom = evaluator?.createExpression(CUSTOM);
  const couldHoldCandidate = (doc: Document): boolean => {
    const data = text ? text.evaluate(doc, 2, null).stringValue : (doc.documentElement?.textContent ?? '');
    const digit = /[0-9\uff10-\uff19\u0660-\u0669\u06f0-\u06f9]/g;
    let digits = 0;
    while (digits < 7 && digit.test(data)) digits++;
    if (digits >= 7) return true;
    if (!linkOrCustom || !links || !custom) {
      if (doc.querySelector('a[href*="tel:" i],a[href*="sms:" i],a[href*="callto:" i],a[href*="lead_"]')) return true;
      const all = doc.getElementsByTagName('*');
      for (let i = 0; i < all.length; i++) if (all[i]?.shadowRoot) return true;
      return false;
    }
    // A count first: most frames have neither, and no snapshot is built for them.
    if (linkOrCustom.evaluate(doc, 1, null).numberValue === 0) return false;
    if (links.evaluate(doc, 1, null).numberValue > 0) return true;
    const hosts = custom.evaluate(doc, 7, null);
    for (let i = 0; i < hosts.snapshotLength; i++) if ((hosts.snapshotItem(i) as Element).shadowRoot) return true;
    return false;
  };
  // One observer per document: later content (a frame still loading, an app rendering into it) makes
  // the top frame check again. Observer and timer come from the world the probe runs in (for 'tree', the
  // top frame's), which costs less than creating them in each frame's. A frame's document is read once
  // and passed on: each read of another window's `document` goes through the browser's access checks.
  const watch = (win: Window, doc: Document): void => {
    const mark = Symbol.for(hint);
    const marked = win as unknown as Record<symbol, boolean>;
    if (marked[mark]) return;
    marked[mark] = true;
    let pending = false;
    const observer = new MutationObserver(() => {
      if (pending) return;
      pending = true;
      setTimeout(() => {
        pending = false;
        if (!couldHoldCandidate(doc)) return;
        observer.disconnect();
        marked[mark] = false;
        window.top?.postMessage(hint, '*');
      }, 200);
    });
    observer.observe(doc, {
      childList: true,
      subtree: true,
      characterData: true,
      attributes: true,
      attributeFilter: ['href'],
    });
  };
  const check = (win: Window, doc: Document): 'look' | 'clear' => {
    // A document XPath can't read (an odd kind, or a page that replaced the built-ins) gets the
    // prefilter, which reads it the ordinary way and decides.
    try {
      if (couldHoldCandidate(doc)) return 'look';
    } catch {
      return 'look';
    }
    watch(win, doc);
    return 'clear';
  };

  if (scope === 'self') return window.top === window ? 'top' : check(window, document);
  let unreadable = false;
  const anyLook = (win: Window): boolean => {
    for (let i = 0; i < win.length; i++) {
      const frame = win[i] as Window;
      let doc: Document;
      try {
        // Throws for a cross-origin frame.
        doc = frame.document;
        if (!doc) throw new Error('no document');
      } catch {
        unreadable = true;
        continue;
      }
      if (check(frame, doc) === 'look' || anyLook(frame)) return true;
    }
    return false;
  };
  if (anyLook(window)) return 'look';
  return unreadable ? 'unreadable' : 'clear';
}
