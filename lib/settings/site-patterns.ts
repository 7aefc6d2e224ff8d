import type { Settings } from './settings';

/**
 * Turns what a rep types ("example.com", "*.example.com", "https://crm.example.com/x") into a
 * WebExtension match pattern, or null when it cannot be one.
 */
export function siteToMatchPattern(site: string): string | null {
  let host = site.trim().toLowerCase();
  if (!host) return null;
  if (host === '<all_urls>' || host === '*') return '<all_urls>';
  host = host
    .replace(/^[a-z*]+:\/\//, '')
    .replace(/[/?#].*$/, '')
    .replace(/:\d+$/, '');
  if (!/^(\*\.)?[a-z0-9-]+(\.[a-z0-9-]+)*$/.test(host) && host !== 'localhost') return null;
  return `*://${host}/*`;
}

export interface ContentScriptMatches {
  matches: string[];
  excludeMatches: string[];
}

/**
 * Where the content script should run for these settings, given the host permissions the rep granted.
 * "all" means every site the extension may access (`<all_urls>` once granted); "sites" only the listed ones
 * that are granted; "off" and "click" register nothing ("click" scans once through activeTab instead).
 */
export function contentScriptMatches(settings: Settings, grantedOrigins: string[]): ContentScriptMatches | null {
  const excludeMatches = settings.excludedSites.map(siteToMatchPattern).filter((p): p is string => p !== null);
  if (settings.detectionMode === 'all') {
    const matches = grantedOrigins.includes('<all_urls>') ? ['<all_urls>'] : grantedOrigins;
    return matches.length ? { matches, excludeMatches } : null;
  }
  if (settings.detectionMode === 'sites') {
    const matches = settings.sites.map(siteToMatchPattern).filter((p): p is string => p !== null);
    return matches.length ? { matches, excludeMatches } : null;
  }
  return null;
}

/**
 * True when a page address is covered by the "Never read these sites" list. Applied to every way of reading
 * a page (the registered detector gets the same list as `excludeMatches`; the "on click" scan asks this).
 */
export function isNeverRead(url: string, excludedSites: string[]): boolean {
  return isOnSiteList(url, excludedSites);
}

/** True when a page address is on a list of sites as the rep types them ("example.com", "*.example.com"). */
export function isOnSiteList(url: string, sites: string[]): boolean {
  let host: string;
  try {
    host = new URL(url).hostname.toLowerCase();
  } catch {
    return false;
  }
  return sites.some((site) => {
    const pattern = siteToMatchPattern(site);
    if (pattern === '<all_urls>') return true;
    const h = pattern?.slice('*://'.length, -'/*'.length);
    if (!h) return false;
    return h.startsWith('*.') ? host === h.slice(2) || host.endsWith(h.slice(1)) : host === h;
  });
}
