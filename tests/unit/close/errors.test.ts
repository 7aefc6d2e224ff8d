// @vitest-environment node
import { describe, expect, it } from 'vitest';
import {
  CloseApiError,
  errorFromResponse,
  isAmbiguousFailure,
  readCloseErrorBody,
  timeoutMessage,
} from '../../../lib/close/errors';

describe('readCloseErrorBody', () => {
  it.each([
    ['error string', { error: 'Lead not found.' }, 'Lead not found.', undefined],
    [
      'error object',
      { error: { message: 'This SMS cannot be modified.', code: 7 } },
      'This SMS cannot be modified.',
      undefined,
    ],
    [
      'errors list',
      { errors: ['Only drafts can be modified.', 'Try again.'] },
      'Only drafts can be modified.; Try again.',
      undefined,
    ],
    [
      'field-errors',
      { errors: [], 'field-errors': { local_phone: "This number can't send SMS to GB" } },
      "local_phone: This number can't send SMS to GB",
      { local_phone: "This number can't send SMS to GB" },
    ],
    [
      'all three at once',
      { error: 'Bad request.', errors: ['Check the body.'], 'field-errors': { text: 'Too long.' } },
      'Bad request.; Check the body.; text: Too long.',
      { text: 'Too long.' },
    ],
    [
      'nested and listed field errors',
      {
        'field-errors': {
          contacts: { '0': { phones: ['Invalid phone number.'] } },
          status: ['Not a valid choice.', 'Required.'],
        },
      },
      'contacts.0.phones: Invalid phone number.; status: Not a valid choice. Required.',
      { 'contacts.0.phones': 'Invalid phone number.', status: 'Not a valid choice. Required.' },
    ],
    ['empty object', {}, undefined, undefined],
    ['HTML page', '<html>502 Bad Gateway</html>', undefined, undefined],
    ['null', null, undefined, undefined],
  ])('%s', (_name, body, message, fieldErrors) => {
    expect(readCloseErrorBody(body)).toEqual({ message, fieldErrors });
  });
});

describe('errorFromResponse', () => {
  it.each([
    [
      400,
      { 'field-errors': { local_phone: "This number can't send SMS to GB" } },
      'bad-request',
      "local_phone: This number can't send SMS to GB",
    ],
    [400, { error: { message: 'Only drafts can be modified.' } }, 'bad-request', 'Only drafts can be modified.'],
    [400, {}, 'bad-request', 'Close refused the request. (HTTP 400)'],
    [
      401,
      { error: 'Unauthorized.' },
      'unauthorized',
      "Close rejected your API key. Check it in the extension's options.",
    ],
    [
      402,
      { error: 'SMS credit used up.' },
      'payment-required',
      'Your Close plan does not allow this. Ask your Close admin. Close says: SMS credit used up.',
    ],
    [403, {}, 'forbidden', 'Your Close user is not allowed to do this. Ask your Close admin.'],
    [404, { error: 'Not found.' }, 'not-found', 'Close could not find this. It may have been deleted.'],
    [405, { error: 'Method not allowed.' }, 'bad-request', 'Method not allowed.'],
    [500, {}, 'server', 'Close had a problem (HTTP 500). Try again in a moment.'],
    [502, '<html>', 'server', 'Close had a problem (HTTP 502). Try again in a moment.'],
    [503, {}, 'server', 'Close had a problem (HTTP 503). Try again in a moment.'],
  ])('%d %j → %s', (status, body, kind, message) => {
    const error = errorFromResponse(status, body);
    expect(error).toBeInstanceOf(CloseApiError);
    expect(error).toMatchObject({ kind, status, message });
  });

  it('keeps field errors for the form', () => {
    const error = errorFromResponse(400, { errors: [], 'field-errors': { text: 'Required.' } });
    expect(error.fieldErrors).toEqual({ text: 'Required.' });
  });
});

describe('isAmbiguousFailure', () => {
  it.each([
    ['network', true],
    ['timeout', true],
    ['server', true],
    ['bad-request', false],
    ['rate-limited', false],
    ['unauthorized', false],
    ['bad-response', false],
  ] as const)('%s → %s', (kind, expected) => {
    expect(isAmbiguousFailure(new CloseApiError(kind, 'x'))).toBe(expected);
  });

  it('is false for foreign errors', () => {
    expect(isAmbiguousFailure(new TypeError('fetch failed'))).toBe(false);
  });
});

it.each([
  [15_000, "Close didn't answer in 15 s."],
  [250, "Close didn't answer in 0.3 s."],
  [2500, "Close didn't answer in 2.5 s."],
])('timeoutMessage(%d)', (ms, message) => {
  expect(timeoutMessage(ms)).toBe(message);
});
