import { serialized } from '../serialized';
import { contentScriptMatches } from '../settings/site-patterns';
import { onSettingsChanged, readSettings } from '../storage';
import { HIGHLIGHT_CSS, STYLES_WITH_DETECTOR } from './findings-store';

const SCRIPT_ID = 'close-sms-detector';
const STYLES_ID = 'close-sms-highlight-styles';

/**
 * The detector is not in the manifest: it is registered here for exactly the sites the rep's detection
 * mode and granted permissions allow, and re-registered whenever either changes. (Registration ids of
 * earlier versions are removed along with ours: `getRegisteredContentScripts` lists only those that exist.)
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
  const existing = await browser.scripting.getRegisteredContentScripts({ ids: [SCRIPT_ID, STYLES_ID] });
  if (existing.length) await browser.scripting.unregisterContentScripts({ ids: existing.map((s) => s.id) });
  if (!target) return;
  const where = { matches: target.matches, excludeMatches: target.excludeMatches, persistAcrossSessions: true };
  await browser.scripting.registerContentScripts([
    // The prefilter runs in top frames only: the background probes their frames from there
    // (lib/page-scan/frame-probe.ts), since a script in every frame costs every frame a world of its own.
    { id: SCRIPT_ID, js: ['prefilter.js'], allFrames: false, runAt: 'document_idle', ...where },
    // The highlight styles go to every frame, as part of its first style pass: inserted later, with the
    // detector, they restyled every element (~140 ms on the 10,000-row table). Styles alone run no script.
    // Not in Firefox, where they must be a user sheet and come with the detector (STYLES_WITH_DETECTOR).
    ...(STYLES_WITH_DETECTOR
      ? []
      : [{ id: STYLES_ID, css: [HIGHLIGHT_CSS], allFrames: true, runAt: 'document_start' as const, ...where }]),
  ]);
}
