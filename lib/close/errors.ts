/**
 * The one error type the Close client throws. `kind` is for code; `message` is
 * shown to the sales rep as-is, so it is written in plain words.
 */
export type CloseErrorKind =
  | 'no-key'
  | 'unauthorized'
  | 'payment-required'
  | 'forbidden'
  | 'not-found'
  | 'rate-limited'
  | 'bad-request'
  | 'server'
  | 'network'
  | 'offline'
  | 'timeout'
  | 'bad-response'
  | 'invalid-input';

export interface CloseApiErrorDetails {
  status?: number;
  fieldErrors?: Record<string, string>;
  retryAfterMs?: number;
  /**
   * Set when a send failed in a way that leaves its outcome unknown (the text may
   * have gone out) and the client could not check. The UI should tell the rep to
   * look in Close before sending again.
   */
  outcomeUnknown?: boolean;
}

export class CloseApiError extends Error {
  override readonly name = 'CloseApiError';
  readonly kind: CloseErrorKind;
  readonly status?: number;
  readonly fieldErrors?: Record<string, string>;
  readonly retryAfterMs?: number;
  readonly outcomeUnknown?: boolean;

  constructor(kind: CloseErrorKind, message: string, details: CloseApiErrorDetails = {}) {
    super(message);
    this.kind = kind;
    if (details.status !== undefined) this.status = details.status;
    if (details.fieldErrors !== undefined) this.fieldErrors = details.fieldErrors;
    if (details.retryAfterMs !== undefined) this.retryAfterMs = details.retryAfterMs;
    if (details.outcomeUnknown) this.outcomeUnknown = true;
  }
}

export const isCloseApiError = (error: unknown): error is CloseApiError => error instanceof CloseApiError;

/**
 * Failures after which Close may or may not have applied the request: the
 * request left this machine but no trustworthy answer came back.
 */
export function isAmbiguousFailure(error: unknown): boolean {
  return isCloseApiError(error) && (error.kind === 'network' || error.kind === 'timeout' || error.kind === 'server');
}

export const MESSAGES = {
  noKey: "Add your Close API key in the extension's options.",
  unauthorized: "Close rejected your API key. Check it in the extension's options.",
  paymentRequired: 'Your Close plan does not allow this. Ask your Close admin.',
  forbidden: 'Your Close user is not allowed to do this. Ask your Close admin.',
  notFound: 'Close could not find this. It may have been deleted.',
  network: "Can't reach Close. Check your connection.",
  offline: "You're offline, so nothing was sent. Send it again once you're back online.",
  badRequest: 'Close refused the request.',
} as const;

export function timeoutMessage(timeoutMs: number): string {
  const seconds = Math.round(timeoutMs / 100) / 10;
  return `Close didn't answer in ${seconds} s.`;
}

export function rateLimitedMessage(retryAfterMs: number): string {
  const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
  return `Close is receiving too many requests. Try again in ${seconds} s.`;
}

export function serverMessage(status: number): string {
  return `Close had a problem (HTTP ${status}). Try again in a moment.`;
}

interface CloseErrorText {
  message: string | undefined;
  fieldErrors: Record<string, string> | undefined;
}

/**
 * Close reports failures in three shapes, sometimes mixed: `error` (a string or an
 * object with `message`), `errors` (a list) and `field-errors` (field → message).
 */
export function readCloseErrorBody(body: unknown): CloseErrorText {
  if (!isRecord(body)) return { message: undefined, fieldErrors: undefined };
  const parts: string[] = [];
  const general = textOf(isRecord(body.error) ? body.error.message : body.error);
  if (general) parts.push(general);
  if (Array.isArray(body.errors)) parts.push(...body.errors.map(textOf).filter(isNonEmpty));
  const fieldErrors = readFieldErrors(body['field-errors']);
  if (fieldErrors) parts.push(...Object.entries(fieldErrors).map(([field, text]) => `${field}: ${text}`));
  return { message: parts.length > 0 ? parts.join('; ') : undefined, fieldErrors };
}

function readFieldErrors(value: unknown): Record<string, string> | undefined {
  if (!isRecord(value)) return undefined;
  const entries = flattenFieldErrors(value, '').filter(([, text]) => text !== '');
  return entries.length > 0 ? Object.fromEntries(entries) : undefined;
}

/** Nested objects (e.g. errors on `contacts.0.phones`) become dotted field names. */
function flattenFieldErrors(value: Record<string, unknown>, prefix: string): [string, string][] {
  return Object.entries(value).flatMap(([key, inner]): [string, string][] => {
    const field = prefix ? `${prefix}.${key}` : key;
    if (isRecord(inner)) return flattenFieldErrors(inner, field);
    return [[field, textOf(inner)]];
  });
}

function textOf(value: unknown): string {
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return value.map(textOf).filter(isNonEmpty).join(' ');
  if (isRecord(value) && typeof value.message === 'string') return value.message.trim();
  return '';
}

const isNonEmpty = (text: string): boolean => text.length > 0;

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Maps a non-2xx answer (other than 429, which the caller handles) to the typed error. */
export function errorFromResponse(status: number, body: unknown): CloseApiError {
  const { message: closeText, fieldErrors } = readCloseErrorBody(body);
  const details: CloseApiErrorDetails = { status, ...(fieldErrors ? { fieldErrors } : {}) };
  const withCloseText = (fallback: string) => (closeText ? `${fallback} Close says: ${closeText}` : fallback);
  if (status === 401) return new CloseApiError('unauthorized', MESSAGES.unauthorized, details);
  if (status === 402) return new CloseApiError('payment-required', withCloseText(MESSAGES.paymentRequired), details);
  if (status === 403) return new CloseApiError('forbidden', withCloseText(MESSAGES.forbidden), details);
  if (status === 404) return new CloseApiError('not-found', MESSAGES.notFound, details);
  if (status >= 500) return new CloseApiError('server', serverMessage(status), details);
  // 400 and the rarer 4xx (405, 409, 415, 422): Close's own words are the most useful thing to show.
  return new CloseApiError('bad-request', closeText ?? `${MESSAGES.badRequest} (HTTP ${status})`, details);
}
