// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { CloseApiError } from '../../../lib/close/errors';
import { assertCloseId, assertE164, type IdKind, isCloseId } from '../../../lib/close/ids';

describe('isCloseId', () => {
  it.each<[IdKind, unknown, boolean]>([
    ['lead', 'lead_ZWSwsOAXDLKmgbWdZGGqAzEi2KXb0ESHAbPWDqBSJrq', true],
    ['contact', 'cont_abc123', true],
    ['activity', 'acti_abc123', true],
    ['user', 'user_abc123', true],
    ['lead', 'cont_abc123', false],
    ['contact', 'lead_abc123', false],
    ['activity', 'lead_abc123', false],
    ['lead', 'lead_', false],
    ['lead', 'lead_abc/../me', false],
    ['lead', 'lead_abc?x=1', false],
    ['lead', ' lead_abc', false],
    ['lead', 'LEAD_abc', false],
    ['lead', '', false],
    ['lead', undefined, false],
    ['lead', 42, false],
  ])('%s %j → %s', (kind, value, expected) => {
    expect(isCloseId(kind, value)).toBe(expected);
  });
});

describe('assertCloseId', () => {
  it('returns a valid id', () => {
    expect(assertCloseId('lead', 'lead_abc')).toBe('lead_abc');
  });

  it('names the wrong id and the field', () => {
    const error = catchError(() => assertCloseId('lead', 'cont_abc'));
    expect(error).toMatchObject({ kind: 'invalid-input', message: 'That is not a Close lead id: "cont_abc".' });
    expect(error.fieldErrors).toEqual({ lead_id: 'expected an id starting with lead_' });
  });
});

describe('assertE164', () => {
  it.each(['+14155550100', '+447400123456', '+4915123456789'])('accepts %s', (value) => {
    expect(assertE164(value, 'phone')).toBe(value);
  });

  it.each(['4155550100', '+1 415 555 0100', '+0123456789', '+1234', '+1234567890123456', '', null])(
    'refuses %j',
    (value) => {
      expect(catchError(() => assertE164(value, 'phone'))).toMatchObject({
        kind: 'invalid-input',
        fieldErrors: { phone: 'expected E.164, e.g. +14155550100' },
      });
    },
  );
});

function catchError(run: () => unknown): CloseApiError {
  try {
    run();
  } catch (error) {
    if (error instanceof CloseApiError) return error;
    throw error;
  }
  throw new Error('expected a CloseApiError');
}
