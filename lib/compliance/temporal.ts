/**
 * The one place the compliance rules reach Temporal. Browsers we ship to have it natively (Chromium ≥ 144,
 * Firefox ≥ 139), so the extension carries no polyfill; Node 20 has none, so unit tests install
 * than letting a quiet-hours check pass by accident.
 */
export function temporal(): typeof Temporal {
  const api = (globalThis as { Temporal?: typeof Temporal }).Temporal;
  if (api === undefined) {
    throw new Error(
      'This browser has no Temporal API (needs Chromium 144+ or Firefox 139+): quiet hours cannot be checked.',
    );
  }
  return api;
}

/**
 * The zone id as Temporal spells it ("america/new_york" → "America/New_York"), or null when Temporal does not
 * know it ("Mars/Base"). Callers report the null; they never drop it silently.
 */
export function knownTimeZoneId(zone: string): string | null {
  if (zone.trim() === '') return null;
  try {
    return temporal().Instant.fromEpochMilliseconds(0).toZonedDateTimeISO(zone).timeZoneId;
  } catch {
    return null;
  }
}
