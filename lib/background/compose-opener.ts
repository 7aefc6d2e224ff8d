import { type ComposeTarget, onMessage } from '../protocol';

export function composeUrl(target: ComposeTarget): string {
  const params = new URLSearchParams();
  if (target.to) params.set('to', target.to);
  if (target.lead) params.set('lead', target.lead);
  const query = params.toString();
  return `/popup.html${query ? `?${query}` : ''}`;
}

/**
 * Opens compose for a target in a small popup window. The toolbar popup cannot be given a URL, and
 * `action.openPopup` needs a user gesture in most browsers, so a window is the one path that always works.
 */
export async function openCompose(target: ComposeTarget): Promise<void> {
  await browser.windows.create({
    url: browser.runtime.getURL(composeUrl(target) as '/popup.html'),
    type: 'popup',
    width: 420,
    height: 640,
  });
}

export function setupComposeOpener(): void {
  onMessage('openCompose', ({ data }) => openCompose(data));
}
