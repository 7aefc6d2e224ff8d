import { mergeFindings, type PageFindings } from '../page-findings';
import { onMessage } from '../protocol';
import { readSettings, tabFindingsItem } from '../storage';

/** Frame reports per tab, kept in session storage so a restarted worker still knows them. */
export function setupFindingsStore(): void {
  onMessage('getDetectorConfig', async () => ({ defaultCountry: (await readSettings()).defaultCountry }));
  onMessage('reportFindings', async ({ data, sender }) => {
    const tabId = sender.tab?.id;
    if (tabId == null) return;
    const key = `${tabId}:${sender.frameId ?? 0}`;
    const all = await tabFindingsItem.getValue();
    all[key] = data;
    await tabFindingsItem.setValue(all);
    await updateBadge(tabId, all);
  });
  onMessage('getTabFindings', async ({ data: tabId }) => {
    const all = await tabFindingsItem.getValue();
    return findingsForTab(tabId, all);
  });
  browser.tabs.onRemoved.addListener(async (tabId) => {
    const all = await tabFindingsItem.getValue();
    for (const key of Object.keys(all)) if (key.startsWith(`${tabId}:`)) delete all[key];
    await tabFindingsItem.setValue(all);
  });
}

export function findingsForTab(tabId: number, all: Record<string, PageFindings>): PageFindings | null {
  const frames = Object.entries(all)
    .filter(([key]) => key.startsWith(`${tabId}:`))
    .sort(([a], [b]) => Number(a.split(':')[1]) - Number(b.split(':')[1]))
    .map(([, f]) => f);
  return frames.length ? mergeFindings(frames) : null;
}

async function updateBadge(tabId: number, all: Record<string, PageFindings>): Promise<void> {
  const count = findingsForTab(tabId, all)?.numbers.length ?? 0;
  await browser.action.setBadgeText({ tabId, text: count ? String(count) : '' }).catch(() => {});
}
