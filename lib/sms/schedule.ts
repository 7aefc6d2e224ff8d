/**
 * Scheduling in the rep's own time zone. Close takes `date_scheduled` as an ISO datetime; we always send
 * UTC with an explicit offset so no server-side time zone guess is involved.
 */
export const MIN_LEAD_MS = 60_000;

export function toCloseDate(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, '+00:00');
}

export interface SchedulePreset {
  label: string;
  at: Date;
}

function atLocal(base: Date, dayOffset: number, hour: number): Date {
  const d = new Date(base);
  d.setDate(d.getDate() + dayOffset);
  d.setHours(hour, 0, 0, 0);
  return d;
}

/** "In 1 hour", "Tomorrow 9:00", "Next Monday 9:00" — computed in the local zone of `now`. */
export function schedulePresets(now: Date): SchedulePreset[] {
  const inOneHour = new Date(now.getTime() + 3_600_000);
  inOneHour.setSeconds(0, 0);
  const daysToMonday = (8 - now.getDay()) % 7 || 7;
  return [
    { label: 'In 1 hour', at: inOneHour },
    { label: 'Tomorrow 9:00', at: atLocal(now, 1, 9) },
    { label: 'Monday 9:00', at: atLocal(now, daysToMonday, 9) },
  ];
}

/** Value for an `<input type="datetime-local">`, in the local zone. */
export function toLocalInputValue(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** Parses a datetime-local value (local zone) and refuses the past: returns an error message instead. */
export function parseScheduleInput(value: string, now: Date): { at: Date } | { error: string } {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value.trim());
  if (!m) return { error: 'Pick a date and time to send.' };
  const [, y, mo, d, h, mi] = m.map(Number) as [number, number, number, number, number, number];
  const at = new Date(y, mo - 1, d, h, mi, 0, 0);
  if (Number.isNaN(at.getTime()) || at.getMonth() !== mo - 1) return { error: 'That date does not exist.' };
  if (at.getTime() < now.getTime() + MIN_LEAD_MS) return { error: 'Pick a time at least a minute from now.' };
  return { at };
}
