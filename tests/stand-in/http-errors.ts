/** Field name → message, as in Close's `{"errors": [], "field-errors": {"lead": "This field is required."}}`. */
export type FieldErrors = Record<string, string>;

/** Thrown by handlers for any non-2xx answer; the request pipeline turns it into the response. */
export class HttpError extends Error {
  readonly status: number;
  readonly body: unknown;

  constructor(status: number, body: unknown) {
    super(`HTTP ${status}`);
    this.status = status;
    this.body = body;
  }
}

/** Close's validation error shape (400). */
export function validationError(fieldErrors: FieldErrors, errors: string[] = []): HttpError {
  return new HttpError(400, { errors, 'field-errors': fieldErrors });
}

/** Close's plain error shape, `{"error": "…"}`, used for state-rule violations, 401, 404. */
export function plainError(status: number, message: string): HttpError {
  return new HttpError(status, { error: message });
}

export function notFound(what: string): HttpError {
  return plainError(404, `${what} not found.`);
}

/** Throws the collected field errors, if any; lets validators report every bad field at once like Close does. */
export function throwIfAny(fieldErrors: FieldErrors): void {
  if (Object.keys(fieldErrors).length > 0) throw validationError(fieldErrors);
}
