import { useState } from 'preact/hooks';
import type { DetectionMode, Settings } from '@/lib/settings/settings';
import { siteToMatchPattern } from '@/lib/settings/site-patterns';
import { SiteList } from './SiteList';

export interface DetectionSectionProps {
  settings: Settings;
  onUpdate(patch: Partial<Settings>): Promise<void>;
}

const MODES: { value: DetectionMode; label: string; help: string }[] = [
  { value: 'off', label: 'Off', help: 'Never read pages. You can still type a number in the popup.' },
  {
    value: 'click',
    label: 'On click',
    help: 'Read the current page only when you open the popup. No extra permission.',
  },
  { value: 'sites', label: 'On listed sites', help: 'Highlight numbers on the sites you list below.' },
  { value: 'all', label: 'On all sites', help: 'Highlight numbers on every site. Asks for access to all sites.' },
];

function originsFor(sites: string[]): string[] {
  return sites.map(siteToMatchPattern).filter((p): p is string => p !== null);
}

/**
 * Broad modes ask for the optional host permission at the moment the rep picks them (a user gesture), and
 * fall back with a clear message if the browser or the rep refuses.
 */
export function DetectionSection({ settings, onUpdate }: DetectionSectionProps) {
  const [message, setMessage] = useState<string | null>(null);

  const request = async (origins: string[]): Promise<boolean> => {
    if (!origins.length) return true;
    try {
      return await browser.permissions.request({ origins });
    } catch (e) {
      setMessage(`The browser refused the permission request: ${e instanceof Error ? e.message : String(e)}`);
      return false;
    }
  };

  const chooseMode = async (mode: DetectionMode) => {
    setMessage(null);
    const origins = mode === 'all' ? ['<all_urls>'] : mode === 'sites' ? originsFor(settings.sites) : [];
    if (!(await request(origins))) {
      setMessage((m) => m ?? 'Permission not granted, so the detection mode was not changed.');
      return;
    }
    await onUpdate({ detectionMode: mode });
  };

  const setSites = async (sites: string[]) => {
    setMessage(null);
    if (settings.detectionMode === 'sites' && !(await request(originsFor(sites)))) {
      setMessage('Permission for the new site was not granted, so it was not added.');
      return;
    }
    await onUpdate({ sites });
  };

  return (
    <section aria-labelledby="detection-heading">
      <h2 id="detection-heading">Find numbers on pages</h2>
      <fieldset>
        <legend>Detection mode</legend>
        {MODES.map((m) => (
          <label key={m.value} class="radio">
            <input
              type="radio"
              name="mode"
              value={m.value}
              checked={settings.detectionMode === m.value}
              onChange={() => void chooseMode(m.value)}
            />{' '}
            {m.label} <span class="muted">— {m.help}</span>
          </label>
        ))}
      </fieldset>
      {message && (
        <p role="alert" class="error">
          {message}
        </p>
      )}
      <SiteList
        id="sites"
        label="Listed sites"
        help="One per entry, e.g. linkedin.com or *.example.com. Used by “On listed sites”."
        sites={settings.sites}
        onChange={(sites) => void setSites(sites)}
      />
      <SiteList
        id="excluded"
        label="Never read these sites"
        help="Wildcards allowed, e.g. *.bank.com. Applies to every mode."
        sites={settings.excludedSites}
        onChange={(excludedSites) => void onUpdate({ excludedSites })}
      />
    </section>
  );
}
