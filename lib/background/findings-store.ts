/** Frame reports per tab, kept in session storage so a restarted worker still knows them. */
import { type FrameReport, mergeFindings, type PageFindings } from '../page-findings';
import { FRAME_HINT, probeFrame } from '../page-scan/frame-probe';
import type { ScanOutcome } from '../protocol';
import { serialized } from '../serialized';
import type { Settings } from '../settings/settings';
import { isNeverRead, isOnSiteList } from '../settings/site-patterns';
import { readSettings, tabFindingsItem } from '../storage';
import { boundFindings, storeReport } from './findings-bounds';
import { type Handlers, NotAllowedError } from './message-gate';
import { createNumberReader } from './number-reader';

const inOrder = serialized();

/** Changes the stored findings of all tabs, one change at a time. */
function updateFindings(change: (all: Record<string, FrameReport>) => void): Promise<void> {
  return inOrder(async () => {
    // A copy: with nothing stored, WXT hands out its fallback object itself, and changing that in place
    // would make every later read of an empty store return old findings.
    const all = structuredClone(await tabFindingsItem.getValue());
    change(all);
    await tabFindingsItem.setValue(all);
  });
}

function forgetTab(all: Record<string, FrameReport>, tabId: number): void {
  for (const key of Object.keys(all)) if (key.startsWith(`${tabId}:`)) delete all[key];
}

export function findingsForTab(tabId: number, all: Record<string, PageFindings>): PageFindings | null {
  const frames = Object.entries(all)
    .filter(([key]) => key.startsWith(`${tabId}:`))
    .sort(([a], [b]) => Number(a.split(':')[1]) - Number(b.split(':')[1]))
    .map(([, f]) => f);
  return frames.length ? mergeFindings(frames) : null;
}

const SCAN_WAIT_MS = 3000;

export interface ScanDeps {
  /**
   * Injects the full detector (content-scripts/detector.js) into a frame (scripting.executeScript with
   * files: no web_accessible_resources a page could fingerprint); throws where the page can't be read.
   * `withCss` also adds the highlight styles, which in Chromium frames with the always-on script already
   * have: registered with it, they are part of the page's first style pass, where inserting them later
   * restyled every element (~140 ms on the 10,000-row table). Firefox always gets them here (STYLES_WITH_DETECTOR).
   */
  inject(target: { tabId: number; frameId?: number }, withCss: boolean): Promise<void>;
  /**
   * Runs frame-probe.ts's probeFrame in the page's own world: scope 'tree' in the top frame only, 'self'
   * in every frame of the tab.
   */
  probeFrames(tabId: number, scope: 'tree' | 'self'): Promise<{ frameId: number; verdict: unknown }[]>;
  /** Injects the always-on prefilter (prefilter.js) into these frames; a frame that is gone is skipped. */
  injectPrefilter(tabId: number, frameIds: number[]): Promise<void>;
}

export const injectDetector: ScanDeps['inject'] = async ({ tabId, frameId }, withCss) => {
  const target = { tabId, ...(frameId != null ? { frameIds: [frameId] } : {}) };
  if (withCss || STYLES_WITH_DETECTOR) {
    await browser.scripting.insertCSS({
      target,
      files: [HIGHLIGHT_CSS],
      ...(STYLES_WITH_DETECTOR ? { origin: 'USER' as const } : {}),
    });
  }
  await browser.scripting.executeScript({ target, files: ['content-scripts/detector.js'] });
};

/**
 * The ::highlight() styles: entrypoints/highlight.css, or highlight-firefox.css in the Firefox build (a rule
 * on :root paints every descendant in Chromium only; the comments there have the figures).
 */
export const HIGHLIGHT_CSS = import.meta.env.FIREFOX ? 'assets/highlight-firefox.css' : 'assets/highlight.css';

/**
 * Firefox paints a highlight inside an open shadow root only from a user-origin sheet: an author sheet,
 * which is what registered content-script CSS is there, stops at the shadow boundary (checked by
 * tests/e2e-firefox/detection.e2e.ts). So in Firefox the styles come with the detector, as a user sheet,
 * and only to frames that have a candidate; Chromium registers them (content-script-registration.ts).
 */
export const STYLES_WITH_DETECTOR = import.meta.env.FIREFOX;

const BROWSER_DEPS: ScanDeps = {
  inject: injectDetector,
  async probeFrames(tabId, scope) {
    const results = await browser.scripting.executeScript({
      target: { tabId, ...(scope === 'self' ? { allFrames: true } : { frameIds: [0] }) },
      world: 'MAIN',
      func: probeFrame,
      args: [FRAME_HINT, scope],
    });
    return results.map((r) => ({ frameId: r.frameId, verdict: r.result }));
  },
  async injectPrefilter(tabId, frameIds) {
    // One call per frame: a frame that navigated away must not cost the others their injection.
    await Promise.allSettled(
      frameIds.map((frameId) =>
        browser.scripting.executeScript({ target: { tabId, frameIds: [frameId] }, files: ['prefilter.js'] }),
      ),
    );
  },
};

/**
 * Whether a document may be read by the registered detection modes, whichever script asks: never when
 * reading is off or the site is on the never-read list, and in "on listed sites" mode only on a listed
 * site — a frame inside a listed page is read only when its own address is listed, as the registration
 * decides for top frames.
 */
function mayRead(settings: Settings, url: string | undefined): url is string {
  if (settings.detectionMode === 'off' || !url || isNeverRead(url, settings.excludedSites)) return false;
  return settings.detectionMode !== 'sites' || isOnSiteList(url, settings.sites);
}

/** Documents the detector was injected into, so a page repeating loadDetector gets it once. */
const loadedDocuments = new Map<string, number>();
const LOADED_KEEP = 500;

/**
 * The "on click" mode: the rep opened the popup, which grants activeTab for this tab, so the detector is
 * injected once now — unless the page is on the rep's never-read list. Its first report arrives through
 * reportFindings; we wait for it briefly.
 */
async function scanTabOnce(tabId: number, deps: ScanDeps): Promise<ScanOutcome> {
  const settings = await readSettings();
  if (settings.detectionMode === 'off') return { read: false, reason: 'Reading pages is off in the options.' };
  const url = (await browser.tabs.get(tabId).catch(() => null))?.url;
  // Without activeTab the address is hidden, and the page can't be read either.
  if (!url) return { read: false, reason: 'This page can’t be read.' };
  if (isNeverRead(url, settings.excludedSites)) {
    return { read: false, reason: 'This site is on your “Never read these sites” list.' };
  }
  try {
    await deps.inject({ tabId }, true);
  } catch {
    // Browser pages (chrome://, the Web Store) and pages without access can't be read.
    return { read: false, reason: 'This page can’t be read.' };
  }
  const until = Date.now() + SCAN_WAIT_MS;
  while (Date.now() < until) {
    const found = findingsForTab(tabId, await tabFindingsItem.getValue());
    if (found) return { read: true, findings: found };
    await new Promise((r) => setTimeout(r, 100));
  }
  return { read: true, findings: { url, numbers: [], leadIds: [] } };
}

export function findingsHandlers(
  deps: ScanDeps = BROWSER_DEPS,
): Pick<Handlers, 'findNumbers' | 'reportFindings' | 'getTabFindings' | 'scanTab' | 'loadDetector' | 'checkFrames'> {
  const reader = createNumberReader();
  return {
    async findNumbers(texts, sender) {
      const tabId = sender.tab?.id;
      const settings = await readSettings();
      // Only for a document the rep lets us read (the same rule as loadDetector), and only a page's frame.
      if (tabId == null || !mayRead(settings, sender.url)) throw new NotAllowedError('This page is not read.');
      const frame = `${tabId}:${sender.frameId ?? 0}:${sender.documentId ?? sender.url}`;
      return reader.read(texts, settings.defaultCountry, frame);
    },
    async reportFindings(raw, sender) {
      const tabId = sender.tab?.id;
      const findings = boundFindings(raw);
      if (tabId == null || !findings) return null;
      await updateFindings((all) => storeReport(all, tabId, sender.frameId ?? 0, findings, Date.now()));
      return null;
    },
    getTabFindings: async (tabId) => findingsForTab(tabId, await tabFindingsItem.getValue()),
    async loadDetector(_, sender) {
      const tabId = sender.tab?.id;
      if (tabId == null) return null;
      // The sender's own frame only (tab and frame come from the browser), once per document, and never
      // on a site the rep said not to read, whichever script asks.
      const settings = await readSettings();
      if (!mayRead(settings, sender.url)) return null;
      const doc = `${tabId}:${sender.frameId ?? 0}:${sender.documentId ?? sender.url}`;
      if (loadedDocuments.has(doc)) return null;
      loadedDocuments.set(doc, Date.now());
      if (loadedDocuments.size > LOADED_KEEP) loadedDocuments.delete(loadedDocuments.keys().next().value as string);
      // The frame may have navigated away or lost access meanwhile: then there is nothing to detect.
      await deps.inject({ tabId, frameId: sender.frameId ?? 0 }, false).catch(() => {});
      return null;
    },
    scanTab: (tabId) => scanTabOnce(tabId, deps),
    async checkFrames(_, sender) {
      const tabId = sender.tab?.id;
      // Asked by the top frame's prefilter only; the frames it probes are the browser's, not the page's word.
      if (tabId == null || (sender.frameId ?? 0) !== 0) return null;
      const settings = await readSettings();
      if (settings.detectionMode !== 'all' && settings.detectionMode !== 'sites') return null;
      if (!mayRead(settings, sender.url)) return null;
      // One call from the top frame answers for every same-origin frame; each frame answers for itself
      // only when that call saw something it could not settle.
      const [tree] = await deps.probeFrames(tabId, 'tree').catch(() => []);
      if (tree?.verdict !== 'look' && tree?.verdict !== 'unreadable') return null;
      const verdicts = await deps.probeFrames(tabId, 'self').catch(() => []);
      const look = verdicts.filter((v) => v.frameId !== 0 && v.verdict === 'look').map((v) => v.frameId);
      if (look.length) await deps.injectPrefilter(tabId, look).catch(() => {});
      return null;
    },
  };
}

export function setupFindingsEvents(): void {
  browser.tabs.onRemoved.addListener((tabId) => void updateFindings((all) => forgetTab(all, tabId)));
  // A tab that goes to another address starts with nothing found; its detectors report afresh. (Status
  // alone is not enough: an iframe loading late also puts the tab back to "loading".)
  browser.tabs.onUpdated.addListener((tabId, change) => {
    if (change.status === 'loading' && change.url) void updateFindings((all) => forgetTab(all, tabId));
  });
}
