import type { Worker } from 'playwright-core';

/**
 * Sets the detection mode the way the options page does (through the settings item) and waits until the
 * background has registered (or removed) the detector. Written again if it doesn't take: on a fresh
 * profile the install-time handlers also write settings (default country) and may land after ours.
 */
export async function setDetectionMode(worker: Worker, mode: 'off' | 'click' | 'sites' | 'all'): Promise<void> {
  for (let attempt = 0; attempt < 5; attempt++) {
    await worker.evaluate(async (m) => {
      const { settings } = await chrome.storage.local.get('settings');
      await chrome.storage.local.set({ settings: { ...(settings ?? {}), detectionMode: m } });
    }, mode);
    const followed = await worker.evaluate(async (m) => {
      for (let i = 0; i < 40; i++) {
        const { settings } = (await chrome.storage.local.get('settings')) as { settings?: { detectionMode?: string } };
        const scripts = await chrome.scripting.getRegisteredContentScripts();
        const registered = scripts.length > 0;
        if (settings?.detectionMode === m && (m === 'all' || m === 'sites') === registered) return true;
        await new Promise((r) => setTimeout(r, 50));
      }
      return false;
    }, mode);
    if (followed) return;
  }
  throw new Error(`content script registration did not follow mode ${mode}`);
}
