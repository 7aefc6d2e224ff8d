/**
 * Opens compose: the toolbar popup where the browser allows opening it from here (it picks the target up
 * from session storage), else the same page in one small popup window, reused for the next request.
 * A content script asking is a web page asking: at most one window per tab every few seconds, whatever
 * the page does (the hover button itself acts only on trusted clicks).
 */
import { composeSearch } from '../compose/compose-url';
import { type PendingCompose, pendingComposeItem } from '../storage';
import type { Handlers } from './message-gate';
import { NotAllowedError } from './message-gate';

/** A real rep does not click "Text" twice within this; a page script looping would. */
export const OPEN_INTERVAL_MS = 2000;
const lastOpenByTab = new Map<number, number>();
let composeWindowId: number | null = null;

export async function openCompose(p: PendingCompose, windowId?: number): Promise<void> {
  await pendingComposeItem.setValue({ ...p, at: Date.now() });
  try {
    // In the window where the rep clicked; without one the browser picks its focused window.
    await browser.action.openPopup(windowId != null ? { windowId } : undefined);
    return;
  } catch {
    // Not allowed here (no user gesture, no focused window, or an older browser): use a window.
  }
  await pendingComposeItem.removeValue();
  const url = browser.runtime.getURL(`/popup.html${composeSearch(p)}` as '/popup.html');
  if (composeWindowId != null) {
    const tab = (await browser.tabs.query({ windowId: composeWindowId }).catch(() => []))[0];
    if (tab?.id != null) {
      await browser.tabs.update(tab.id, { url });
      await browser.windows.update(composeWindowId, { focused: true });
      return;
    }
  }
  const created = await browser.windows.create({ url, type: 'popup', width: 420, height: 680 });
  composeWindowId = created?.id ?? null;
}

export function composeOpenerHandlers(): Pick<Handlers, 'openCompose'> {
  return {
    async openCompose(target, sender) {
      const tabId = sender.tab?.id;
      if (sender.class === 'content-script' && tabId != null) {
        const last = lastOpenByTab.get(tabId) ?? 0;
        if (Date.now() - last < OPEN_INTERVAL_MS) throw new NotAllowedError('Compose was opened a moment ago.');
        lastOpenByTab.set(tabId, Date.now());
      }
      // Only the number or lead goes on: never anything else a page put in the request.
      const request: PendingCompose = {
        ...(target.to ? { to: target.to } : {}),
        ...(target.lead ? { lead: target.lead } : {}),
        ...(tabId != null ? { tab: tabId } : {}),
      };
      await openCompose(request, sender.tab?.windowId);
      return null;
    },
  };
}

export function setupComposeOpenerEvents(): void {
  browser.windows.onRemoved.addListener((id) => {
    if (id === composeWindowId) composeWindowId = null;
  });
  browser.tabs.onRemoved.addListener((tabId) => lastOpenByTab.delete(tabId));
}
