import { DEFAULT_FOOTER_TEMPLATE } from '../compliance/first-text-footer';
import { DEFAULT_QUIET_HOURS, normalizeQuietHours, type QuietHours } from '../compliance/quiet-hours';

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
  /** When texts may reach a recipient, in *their* local time (TCPA: 8:00–21:00). On by default. */
  quietHours: QuietHours;
  /** A text to the same number by anyone in the org within this many hours makes Send ask again; 0 = off. */
  doubleTextHours: number;
  /** The first-text footer (10DLC: who is texting, how to stop); offered when Close shows no earlier text. */
  firstTextFooter: { enabled: boolean; template: string };
}

export const DEFAULT_SETTINGS: Settings = {
  defaultCountry: 'US',
  countryChosenByRep: false,
  detectionMode: 'click',
  sites: [],
  excludedSites: [],
  lastFromNumber: null,
  quietHours: DEFAULT_QUIET_HOURS,
  doubleTextHours: 24,
  firstTextFooter: { enabled: true, template: DEFAULT_FOOTER_TEMPLATE },
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
    quietHours: normalizeQuietHours(v.quietHours),
    doubleTextHours:
      Number.isInteger(v.doubleTextHours) && (v.doubleTextHours as number) >= 0 && (v.doubleTextHours as number) <= 168
        ? (v.doubleTextHours as number)
        : DEFAULT_SETTINGS.doubleTextHours,
    firstTextFooter: normalizeFooter(v.firstTextFooter),
  };
}

function normalizeFooter(value: unknown): Settings['firstTextFooter'] {
  const v = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
  const template = typeof v.template === 'string' && v.template.trim() !== '' ? v.template.trim().slice(0, 200) : null;
  return { enabled: v.enabled !== false, template: template ?? DEFAULT_FOOTER_TEMPLATE };
}

/** The region of a browser locale ("en-GB" → "GB"), used as the first default country; null when it has none. */
export function countryFromLocale(locale: string | undefined): string | null {
  const region = locale?.match(/^[a-z]{2,3}[-_]([A-Za-z]{2})\b/)?.[1];
  return region ? region.toUpperCase() : null;
}
