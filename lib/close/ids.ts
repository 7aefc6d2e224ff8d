/**
 * Close ids carry a type prefix. Checking it before a request turns a mixed-up id
 * (a contact id passed as a lead id) into a clear message instead of a vague 404.
 */
import { CloseApiError } from './errors';

export const ID_PREFIXES = {
  lead: 'lead_',
  contact: 'cont_',
  activity: 'acti_',
  user: 'user_',
} as const;

export type IdKind = keyof typeof ID_PREFIXES;

const ID_LABELS: Record<IdKind, string> = {
  lead: 'lead',
  contact: 'contact',
  activity: 'SMS',
  user: 'user',
};

/** Close ids are a prefix plus URL-safe characters; anything else would leak into the path. */
const ID_BODY = /^[A-Za-z0-9]+$/;

export function isCloseId(kind: IdKind, value: unknown): value is string {
  const prefix = ID_PREFIXES[kind];
  return typeof value === 'string' && value.startsWith(prefix) && ID_BODY.test(value.slice(prefix.length));
}

export function assertCloseId(kind: IdKind, value: unknown, field: string = `${kind}_id`): string {
  if (isCloseId(kind, value)) return value;
  throw new CloseApiError('invalid-input', `That is not a Close ${ID_LABELS[kind]} id: ${describe(value)}.`, {
    fieldErrors: { [field]: `expected an id starting with ${ID_PREFIXES[kind]}` },
  });
}

/** E.164: "+", a non-zero country digit, at most 15 digits in all. */
const E164 = /^\+[1-9]\d{6,14}$/;

export function assertE164(value: unknown, field: string): string {
  if (typeof value === 'string' && E164.test(value)) return value;
  throw new CloseApiError('invalid-input', `That is not a full international phone number: ${describe(value)}.`, {
    fieldErrors: { [field]: 'expected E.164, e.g. +14155550100' },
  });
}

function describe(value: unknown): string {
  if (typeof value === 'string') return value === '' ? '(empty)' : `"${value.slice(0, 40)}"`;
  return value === undefined ? '(missing)' : String(value);
}
