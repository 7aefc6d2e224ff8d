import { onMessage } from '../protocol';

/**
 * Added for issue #13 (detection that costs a page almost nothing), the only background change it needs:
 * the always-on content script (entrypoints/content/) is a small candidate prefilter without
 * libphonenumber-js; when it sees a candidate it asks for the full detector, which is injected here into
 * that one frame. Through scripting.executeScript({ files }), not web_accessible_resources, so pages
 * cannot load or fingerprint the file. The frame is the sender's own (tab and frame id come from the
 * browser, not from the message), and the script must already be allowed there: the same host access
 * (or activeTab in "on click" mode) that let the prefilter run.
 */
export function setupDetectorLoader(): void {
  onMessage('loadDetector', async ({ sender }) => {
    const tabId = sender.tab?.id;
    if (tabId == null) return;
    try {
      await browser.scripting.executeScript({
        target: { tabId, frameIds: [sender.frameId ?? 0] },
        files: ['content-scripts/detector.js'],
      });
    } catch (e) {
      // The frame navigated away or access was withdrawn meanwhile: nothing to detect there.
      console.debug('detector injection failed', e);
    }
  });
}
