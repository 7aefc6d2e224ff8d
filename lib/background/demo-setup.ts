import { updateSettings } from '../storage';
import { storeApiKey } from './api-key';

/**
 * `npm start` demo builds carry the local stand-in's key (wxt.config.ts refuses it for any other API):
 * on install they sign in with it and read every page they may, so the demo works in one command.
 */
export function setupDemo(): void {
  if (!__DEMO_API_KEY__) return;
  browser.runtime.onInstalled.addListener(async () => {
    await storeApiKey(__DEMO_API_KEY__);
    await updateSettings({ detectionMode: 'all' });
  });
}
