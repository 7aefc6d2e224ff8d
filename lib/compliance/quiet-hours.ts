/**
 * Quiet hours in the recipient's local time. The TCPA allows sales texts 8:00–21:00 where the recipient is
 * (some states 8:00–20:00), so the window is editable and on by default. When a recipient may be in several
 * zones the rule takes the strictest reading: an instant is allowed only if it is inside the window in every
 * zone. Zone arithmetic (DST gaps and overlaps, midnight, days off) is Temporal's, not ours.
 *
 * Kept free of zod like lib/settings/settings.ts: `normalizeQuietHours` is the one place that repairs a stored
 * value, so the options page and the background read the same rules.
 */
import { temporal } from './temporal';

/** ISO weekday as Temporal numbers it: Monday 1 … Sunday 7. */
export type IsoWeekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

export interface QuietHours {
  enabled: boolean;
  /** Earliest local time a text may go, "HH:MM" (as an `<input type="time">` gives it). Inclusive. */
  start: string;
  /** Texts must go before this local time, "HH:MM". Exclusive: at 21:00 the window is closed. */
  end: string;
  /** Whole local days on which no text goes, e.g. [6, 7] for weekends. Never all seven. */
  daysOff: IsoWeekday[];
}

export const DEFAULT_QUIET_HOURS: QuietHours = { enabled: true, start: '08:00', end: '21:00', daysOff: [] };

const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** Accepts anything (an older version, a hand-edited value) and returns valid rules, keeping what is usable. */
export function normalizeQuietHours(value: unknown): QuietHours {
  const v = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
  const start = typeof v.start === 'string' && TIME.test(v.start) ? v.start : null;
  const end = typeof v.end === 'string' && TIME.test(v.end) ? v.end : null;
  // A window must open before it closes; a broken pair falls back to the default pair, not half of it.
  const window =
    start !== null && end !== null && start < end
      ? { start, end }
      : { start: DEFAULT_QUIET_HOURS.start, end: DEFAULT_QUIET_HOURS.end };
  const daysOff = Array.isArray(v.daysOff)
    ? [...new Set(v.daysOff.filter((d): d is IsoWeekday => Number.isInteger(d) && d >= 1 && d <= 7))].sort(
        (a, b) => a - b,
      )
    : [];
  return {
    enabled: v.enabled !== false, // on unless explicitly turned off
    ...window,
    daysOff: daysOff.length === 7 ? [] : daysOff,
  };
}

/** How far ahead to look for an allowed instant before saying there is none. */
const HORIZON_DAYS = 14;

/**
 * The instant (UTC ISO, e.g. "2026-03-09T12:00:00Z") a text may go: `now` itself when it is already allowed in
 * every zone, else the earliest later instant that is. Null when no instant in the next two weeks is allowed in
 * all zones at once (zones too far apart for the window) — the caller must say so, never send.
 */
export function nextAllowedInstant(
  now: Temporal.Instant | string,
  zones: readonly string[],
  rules: QuietHours,
): string | null {
  const T = temporal();
  const from = typeof now === 'string' ? T.Instant.from(now) : now;
  if (!rules.enabled) return from.toString();
  if (zones.length === 0) throw new RangeError('The recipient’s time zone is unknown: ask the rep before texting.');
  const limit = from.add({ hours: 24 * HORIZON_DAYS });

  // Move forward to the latest "next allowed" of any zone until every zone agrees; each step lands on a window
  // start, so this ends after a few rounds.
  let candidate = from;
  for (let round = 0; round < 10 * HORIZON_DAYS * zones.length; round++) {
    let latest = candidate;
    for (const zone of zones) {
      const next = nextAllowedInZone(candidate, zone, rules);
      if (next === null) return null;
      if (T.Instant.compare(next, latest) > 0) latest = next;
    }
    if (latest.equals(candidate)) return candidate.toString();
    if (T.Instant.compare(latest, limit) > 0) return null;
    candidate = latest;
  }
  return null;
}

/** True when a text may go at `at` (for a scheduled text: its scheduled instant). */
export function isAllowedAt(at: Temporal.Instant | string, zones: readonly string[], rules: QuietHours): boolean {
  const instant = typeof at === 'string' ? temporal().Instant.from(at) : at;
  return nextAllowedInstant(instant, zones, rules) === instant.toString();
}

function nextAllowedInZone(at: Temporal.Instant, zone: string, rules: QuietHours): Temporal.Instant | null {
  const T = temporal();
  const start = T.PlainTime.from(rules.start);
  const end = T.PlainTime.from(rules.end);
  const today = at.toZonedDateTimeISO(zone).toPlainDate();
  for (let day = 0; day <= HORIZON_DAYS; day++) {
    const date = today.add({ days: day });
    if (rules.daysOff.includes(date.dayOfWeek as IsoWeekday)) continue;
    // 'compatible': a window edge inside a DST gap moves forward by the gap, as a wall clock would.
    const opens = date.toZonedDateTime({ timeZone: zone, plainTime: start }).toInstant();
    const closes = date.toZonedDateTime({ timeZone: zone, plainTime: end }).toInstant();
    if (T.Instant.compare(at, closes) >= 0) continue;
    return T.Instant.compare(at, opens) >= 0 ? at : opens;
  }
  return null;
}

export interface LocalTimeLabel {
  /** The recipient's name as given, e.g. "Ana". */
  name: string;
  /** Local wall-clock time, 24-hour "HH:MM", e.g. "23:40". */
  time: string;
  /** ISO weekday of the local date, so the UI can say "tomorrow" or "Sunday". */
  weekday: IsoWeekday;
  /** Local calendar date, "YYYY-MM-DD". */
  date: string;
  /** A place a person reads from the zone id ("Los Angeles"), or null for ids like "UTC" or "+05:30". */
  place: string | null;
  zone: string;
  /** UTC offset at that instant, e.g. "-08:00". */
  offset: string;
}

/** The parts of "It's 23:40 for Ana, in Los Angeles"; the UI words and localises them. */
export function localTimeLabel(now: Temporal.Instant | string, zone: string, name: string): LocalTimeLabel {
  const T = temporal();
  const instant = typeof now === 'string' ? T.Instant.from(now) : now;
  const local = instant.toZonedDateTimeISO(zone);
  return {
    name,
    time: local.toPlainTime().toString({ smallestUnit: 'minute' }),
    weekday: local.dayOfWeek as IsoWeekday,
    date: local.toPlainDate().toString(),
    place: placeOf(local.timeZoneId),
    zone: local.timeZoneId,
    offset: local.offset,
  };
}

/** "America/Argentina/Buenos_Aires" → "Buenos Aires"; ids without a city (UTC, Etc/GMT+5, offsets) → null. */
function placeOf(zone: string): string | null {
  const parts = zone.split('/');
  const city = parts.at(-1);
  if (parts.length < 2 || parts[0] === 'Etc' || city === undefined) return null;
  return city.replaceAll('_', ' ');
}
