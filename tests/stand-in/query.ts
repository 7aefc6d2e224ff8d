import { parseFilterDate } from './dates';
import { validationError } from './http-errors';
import { type IdPrefix, isIdOfKind } from './ids';

/** Close's usual page size and cap; past the cap Close answers 400 rather than silently clamping. */
export const DEFAULT_LIMIT = 100;
export const MAX_LIMIT = 100;

export interface Paging {
  limit: number;
  skip: number;
}

export function parsePaging(query: URLSearchParams, maxLimit = MAX_LIMIT): Paging {
  const limit = parseCount(query, '_limit', DEFAULT_LIMIT);
  const skip = parseCount(query, '_skip', 0);
  if (limit > maxLimit) {
    throw validationError({ _limit: `Ensure this value is less than or equal to ${maxLimit}.` });
  }
  return { limit, skip };
}

function parseCount(query: URLSearchParams, name: string, fallback: number): number {
  const raw = query.get(name);
  if (raw === null || raw === '') return fallback;
  if (!/^\d+$/.test(raw)) throw validationError({ [name]: 'A valid non-negative integer is required.' });
  return Number(raw);
}

export function page<T>(items: T[], paging: Paging): { data: T[]; has_more: boolean } {
  return {
    data: items.slice(paging.skip, paging.skip + paging.limit),
    has_more: items.length > paging.skip + paging.limit,
  };
}

/** `_fields=a,b` → ['a', 'b']; null when absent (all fields). */
export function parseFields(query: URLSearchParams): string[] | null {
  const raw = query.get('_fields');
  if (raw === null || raw.trim() === '') return null;
  return raw
    .split(',')
    .map((field) => field.trim())
    .filter(Boolean);
}

export function pickFields<T extends object>(item: T, fields: string[] | null): Partial<T> | T {
  if (fields === null) return item;
  const picked: Record<string, unknown> = {};
  for (const field of fields) {
    if (Object.hasOwn(item, field)) picked[field] = (item as Record<string, unknown>)[field];
  }
  return picked as Partial<T>;
}

/** A comma-separated id filter; every id must be of the expected kind (`cont_…` in `lead_id` is a 400). */
export function parseIdList(query: URLSearchParams, name: string, prefix: IdPrefix): string[] | null {
  const raw = query.get(name);
  if (raw === null || raw.trim() === '') return null;
  const ids = raw
    .split(',')
    .map((id) => id.trim())
    .filter(Boolean);
  const wrong = ids.find((id) => !isIdOfKind(id, prefix));
  if (wrong !== undefined) throw validationError({ [name]: `"${wrong}" is not a valid ${prefix}_ id.` });
  return ids;
}

export function parseDateFilter(query: URLSearchParams, name: string, tzOffsetHours: number): Date | null {
  const raw = query.get(name);
  if (raw === null || raw === '') return null;
  const date = parseFilterDate(raw, tzOffsetHours);
  if (!date) throw validationError({ [name]: 'Enter a valid date or datetime (ISO 8601).' });
  return date;
}
