/** Close writes datetimes with microseconds and an explicit UTC offset: `2026-05-04T17:00:01.123000+00:00`. */
export function closeDate(date: Date): string {
  return date.toISOString().replace(/\.(\d{3})Z$/, '.$1000+00:00');
}

/** An ISO datetime that names its offset (`Z` or `±hh:mm`); a bare local time would be ambiguous. */
const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:?\d{2})$/;
const ISO_ANY = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

export function parseIsoWithOffset(value: string): Date | null {
  if (!ISO_WITH_OFFSET.test(value)) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

/**
 * Date filters accept a datetime or a plain date. Values without an offset are read in the caller's zone, given by
 * the `X-TZ-Offset` header in hours (Close's documented behaviour), else UTC.
 */
export function parseFilterDate(value: string, tzOffsetHours: number): Date | null {
  if (!ISO_ANY.test(value)) return null;
  const hasOffset = /(Z|[+-]\d{2}:?\d{2})$/.test(value) && value.includes('T');
  const text = value.includes('T') ? value : `${value}T00:00:00`;
  const date = new Date(hasOffset ? text : `${text}Z`);
  if (Number.isNaN(date.getTime())) return null;
  return hasOffset ? date : new Date(date.getTime() - tzOffsetHours * 3_600_000);
}

export function addMs(date: Date, ms: number): Date {
  return new Date(date.getTime() + ms);
}
