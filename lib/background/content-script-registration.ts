import { serialized } from '../serialized';
import { contentScriptMatches } from '../settings/site-patterns';
import { onSettingsChanged, readSettings } from '../storage';
import { HIGHLIGHT_CSS } from './findings-store';

const SCRIPT_ID = 'close-sms-detector';

/**
 * The detector is not in the manifest: it is registered here for exactly the sites the rep's detection
 * mode and granted permissions allow, and re-registered whenever either changes.
 */
export function setupContentScriptRegistration(): void {
  const sync = () => void syncContentScripts().catch((e) => console.error('content script registration failed', e));
  browser.runtime.onInstalled.addListener(sync);
  browser.runtime.onStartup.addListener(sync);
  browser.permissions.onAdded.addListener(sync);
  browser.permissions.onRemoved.addListener(sync);
  // Settings are written by the background only (for the options page), so their changes are seen here.
  onSettingsChanged(sync);
}

// Install, startup, permission and settings events can fire together: two overlapping syncs could undo
// each other (one unregistering what the other just registered), so they run one after the other.
const inOrder = serialized();

export function syncContentScripts(): Promise<void> {
  return inOrder(applyRegistration);
}

async function applyRegistration(): Promise<void> {
  const [settings, granted] = await Promise.all([readSettings(), browser.permissions.getAll()]);
  const target = contentScriptMatches(settings, granted.origins ?? []);
  const existing = await browser.scripting.getRegisteredContentScripts({ ids: [SCRIPT_ID] });
  if (existing.length) await browser.scripting.unregisterContentScripts({ ids: [SCRIPT_ID] });
  if (!target) return;
  await browser.scripting.registerContentScripts([
    {
      id: SCRIPT_ID,
      js: ['prefilter.js'],
      css: [HIGHLIGHT_CSS],
      matches: target.matches,
      excludeMatches: target.excludeMatches,
      allFrames: true,
      runAt: 'document_idle',
      persistAcrossSessions: true,
    },
  ]);
}
