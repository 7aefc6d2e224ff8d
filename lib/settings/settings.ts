/**
 * The rep's settings. Kept free of zod on purpose: the content script reads the default country,
 * and its bundle must stay small. `normalizeSettings` is the one place that repairs a stored value.
 */
export type DetectionMode = 'off' | 'click' | 'sites' | 'all';

export interface Settings {
  /** ISO 3166 alpha-2 country used for numbers written without an international prefix. */
  defaultCountry: string;
  /** False until the rep picks a country; until then it follows their Close numbers. */
  countryChosenByRep: boolean;
  /** off: never scan; click: only when the popup is opened (activeTab); sites: listed sites; all: every granted site. */
  detectionMode: DetectionMode;
  /** Origin patterns for the "sites" mode, e.g. `*.example.com`. */
  sites: string[];
  /** Patterns never scanned, whatever the mode. */
  excludedSites: string[];
  /** The Close number (E.164) last used to send, preselected next time. */
  lastFromNumber: string | null;
}

export const DEFAULT_SETTINGS: Settings = {
  defaultCountry: 'US',
  countryChosenByRep: false,
  detectionMode: 'click',
  sites: [],
  excludedSites: [],
  lastFromNumber: null,
};

const MODES: readonly DetectionMode[] = ['off', 'click', 'sites', 'all'];

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string' && v.trim() !== '') : [];
}

/** Accepts anything (an older version, a hand-edited value) and returns valid settings, keeping what is usable. */
export function normalizeSettings(value: unknown): Settings {
  const v = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
  const country = typeof v.defaultCountry === 'string' ? v.defaultCountry.trim().toUpperCase() : '';
  return {
    defaultCountry: /^[A-Z]{2}$/.test(country) ? country : DEFAULT_SETTINGS.defaultCountry,
    countryChosenByRep: v.countryChosenByRep === true,
    detectionMode: MODES.includes(v.detectionMode as DetectionMode)
      ? (v.detectionMode as DetectionMode)
      : DEFAULT_SETTINGS.detectionMode,
    sites: stringList(v.sites),
    excludedSites: stringList(v.excludedSites),
    lastFromNumber: typeof v.lastFromNumber === 'string' ? v.lastFromNumber : null,
  };
}

/** The region of a browser locale ("en-GB" → "GB"), used as the first default country; null when it has none. */
export function countryFromLocale(locale: string | undefined): string | null {
  const region = locale?.match(/^[a-z]{2,3}[-_]([A-Za-z]{2})\b/)?.[1];
  return region ? region.toUpperCase() : null;
}
