/**
 * Optional CORS (`StandInOptions.cors`). The extension calls Close from its background with host permissions, where
 * CORS does not apply, and whether api.close.com answers preflights is unknown, so it is off by default. Turn it on
 * for callers that enforce CORS, such as happy-dom's fetch in unit tests (origin http://localhost:3000).
 */
export const CORS_HEADERS: Readonly<Record<string, string>> = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Expose-Headers': 'RateLimit, Retry-After',
};

export const PREFLIGHT_HEADERS: Readonly<Record<string, string>> = {
  ...CORS_HEADERS,
  'Access-Control-Allow-Methods': 'GET, POST, PUT, DELETE',
  'Access-Control-Allow-Headers': 'Authorization, Content-Type, X-TZ-Offset, X-HTTP-Method-Override',
  'Access-Control-Max-Age': '600',
};
