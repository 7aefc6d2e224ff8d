import { mergeFindings, type PageFindings } from '../page-findings';
import { onMessage } from '../protocol';
import { serialized } from '../serialized';
import { readSettings, tabFindingsItem } from '../storage';
import { asResult } from './close-api';

const inOrder = serialized();

/** Changes the stored findings of all tabs, one change at a time. */
function updateFindings(change: (all: Record<string, PageFindings>) => void): Promise<void> {
  return inOrder(async () => {
    const all = await tabFindingsItem.getValue();
    change(all);
    await tabFindingsItem.setValue(all);
  });
}

function forgetTab(all: Record<string, PageFindings>, tabId: number): void {
  for (const key of Object.keys(all)) if (key.startsWith(`${tabId}:`)) delete all[key];
}

/** Frame reports per tab, kept in session storage so a restarted worker still knows them. */
export function setupFindingsStore(): void {
  onMessage('getDetectorConfig', async () => ({ defaultCountry: (await readSettings()).defaultCountry }));
  onMessage('reportFindings', async ({ data, sender }) => {
    const tabId = sender.tab?.id;
    if (tabId == null) return;
    await updateFindings((all) => {
      all[`${tabId}:${sender.frameId ?? 0}`] = data;
    });
  });
  onMessage('getTabFindings', async ({ data: tabId }) => findingsForTab(tabId, await tabFindingsItem.getValue()));
  onMessage('scanTab', ({ data: tabId }) => asResult(() => scanTabOnce(tabId)));
  browser.tabs.onRemoved.addListener((tabId) => updateFindings((all) => forgetTab(all, tabId)));
  // A tab that goes to another address starts with nothing found; its detectors report afresh. (Status
  // alone is not enough: an iframe loading late also puts the tab back to "loading".)
  browser.tabs.onUpdated.addListener((tabId, change) => {
    if (change.status === 'loading' && change.url) void updateFindings((all) => forgetTab(all, tabId));
  });
}

export function findingsForTab(tabId: number, all: Record<string, PageFindings>): PageFindings | null {
  const frames = Object.entries(all)
    .filter(([key]) => key.startsWith(`${tabId}:`))
    .sort(([a], [b]) => Number(a.split(':')[1]) - Number(b.split(':')[1]))
    .map(([, f]) => f);
  return frames.length ? mergeFindings(frames) : null;
}

const SCAN_WAIT_MS = 3000;

/**
 * The "on click" mode: the rep opened the popup, which grants activeTab for this tab, so the detector is
 * injected once now. Its first report arrives through reportFindings; we wait for it briefly.
 */
async function scanTabOnce(tabId: number): Promise<PageFindings | null> {
  const settings = await readSettings();
  if (settings.detectionMode === 'off') return null;
  try {
    await browser.scripting.insertCSS({ target: { tabId }, files: ['content-scripts/content.css'] });
    await browser.scripting.executeScript({ target: { tabId }, files: ['content-scripts/content.js'] });
  } catch {
    // Browser pages (chrome://, the Web Store) and pages without access can't be read: nothing found.
    return null;
  }
  const until = Date.now() + SCAN_WAIT_MS;
  while (Date.now() < until) {
    const found = findingsForTab(tabId, await tabFindingsItem.getValue());
    if (found) return found;
    await new Promise((r) => setTimeout(r, 100));
  }
  return { url: '', numbers: [], leadIds: [] };
}
