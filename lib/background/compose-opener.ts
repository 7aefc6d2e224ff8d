import { onMessage } from '../protocol';
import { type PendingCompose, pendingComposeItem } from '../storage';

export function composeSearch(p: PendingCompose): string {
  const params = new URLSearchParams();
  if (p.to) params.set('to', p.to);
  if (p.lead) params.set('lead', p.lead);
  if (p.others?.length) params.set('others', p.others.join(','));
  if (p.notice) params.set('notice', p.notice);
  if (p.tab != null) params.set('tab', String(p.tab));
  const query = params.toString();
  return query ? `?${query}` : '';
}

/**
 * Opens compose for a target: the toolbar popup where the browser allows opening it from here (it picks
 * the target up from session storage), else the same page in a small popup window.
 */
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
  await browser.windows.create({
    url: browser.runtime.getURL(`/popup.html${composeSearch(p)}` as '/popup.html'),
    type: 'popup',
    width: 420,
    height: 680,
  });
}

export function setupComposeOpener(): void {
  onMessage('openCompose', ({ data, sender }) =>
    openCompose({ ...data, ...(sender.tab?.id != null ? { tab: sender.tab.id } : {}) }, sender.tab?.windowId),
  );
}
