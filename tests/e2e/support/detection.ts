import type { Worker } from 'playwright-core';

/** Sets the detection mode the way the options page does (through storage) and waits for registration. */
export async function setDetectionMode(worker: Worker, mode: 'off' | 'click' | 'sites' | 'all'): Promise<void> {
  await worker.evaluate(async (m) => {
    const { settings } = await chrome.storage.local.get('settings');
    await chrome.storage.local.set({ settings: { ...(settings ?? {}), detectionMode: m } });
  }, mode);
  await worker.evaluate(async (m) => {
    for (let i = 0; i < 100; i++) {
      const scripts = await chrome.scripting.getRegisteredContentScripts();
      if ((m === 'all' || m === 'sites') === scripts.length > 0) return;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`content script registration did not follow mode ${m}`);
  }, mode);
}
