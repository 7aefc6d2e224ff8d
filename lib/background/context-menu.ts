/**
 * Right-click "Text this number" / "Text this lead". Menus are created on install and startup (Chrome keeps
 * them while the worker sleeps); the click carries the selection, so no host permission is needed.
 */
import { menuTarget } from '../compose/menu-target';
import { readSettings } from '../storage';
import { openCompose } from './compose-opener';

export const MENU = {
  selection: 'text-selection',
  link: 'text-link',
  lead: 'text-lead',
} as const;

function createMenus(): void {
  browser.contextMenus.removeAll().then(() => {
    browser.contextMenus.create({ id: MENU.selection, title: 'Text “%s” with Close', contexts: ['selection'] });
    browser.contextMenus.create({
      id: MENU.link,
      title: 'Text this number with Close',
      contexts: ['link'],
      targetUrlPatterns: ['tel:*', 'sms:*', 'callto:*'],
    });
    browser.contextMenus.create({
      id: MENU.lead,
      title: 'Text this lead with Close',
      contexts: ['selection', 'link'],
    });
  });
}

export async function handleMenuClick(
  info: { menuItemId: string | number; selectionText?: string; linkUrl?: string },
  tab: { id?: number; windowId?: number } | undefined,
): Promise<void> {
  const { defaultCountry } = await readSettings();
  const target = menuTarget(
    {
      ...(info.selectionText ? { selectionText: info.selectionText } : {}),
      ...(info.linkUrl ? { linkUrl: info.linkUrl } : {}),
    },
    defaultCountry,
    info.menuItemId === MENU.lead,
  );
  const from = tab?.id != null ? { tab: tab.id } : {};
  const request =
    target.kind === 'number'
      ? { to: target.to, others: target.others }
      : target.kind === 'lead'
        ? { lead: target.lead }
        : { notice: target.message };
  await openCompose({ ...request, ...from }, tab?.windowId);
}

export function setupContextMenu(): void {
  browser.runtime.onInstalled.addListener(createMenus);
  browser.runtime.onStartup.addListener(createMenus);
  browser.contextMenus.onClicked.addListener((info, tab) => void handleMenuClick(info, tab));
}
