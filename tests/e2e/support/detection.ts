import type { LoadedExtension } from './extension';
import { askAsExtensionPage } from './messages';

/**
 * Sets the detection mode the way the options page does (updateSettings from an extension page) and waits
 * until the background has registered (or removed) the detector. Sent again if it doesn't take: on a
 * fresh profile the install-time handlers also write settings (default country) and may land after ours.
 */
export async function setDetectionMode(
  ext: LoadedExtension,
  mode: 'off' | 'click' | 'sites' | 'all',
  extra: { excludedSites?: string[]; sites?: string[] } = {},
): Promise<void> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const r = await askAsExtensionPage(ext, 'updateSettings', { detectionMode: mode, ...extra });
    if (!r.ok) throw new Error(`updateSettings failed: ${r.error.message}`);
    const followed = await ext.worker.evaluate(async (m) => {
      for (let i = 0; i < 40; i++) {
        const scripts = await chrome.scripting.getRegisteredContentScripts();
        if ((m === 'all' || m === 'sites') === scripts.length > 0) return true;
        await new Promise((r) => setTimeout(r, 50));
      }
      return false;
    }, mode);
    const now = await askAsExtensionPage(ext, 'getSettings');
    if (followed && now.ok && now.value.detectionMode === mode) return;
  }
  throw new Error(`content script registration did not follow mode ${mode}`);
}
