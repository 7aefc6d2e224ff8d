/**
 * Close accepts the API key as HTTP Basic username with an empty password, or an OAuth access token as Bearer
 * (close-api.md §3.1). The stand-in treats each of its keys as both. Keys belong to one organization; each has its
 * own rate-limit counts (rate-limit.ts).
 */
export function isAuthorized(header: string | undefined, apiKey: string): boolean {
  return authorizedKey(header, [apiKey]) !== null;
}

/** The key `header` authenticates with, or null. */
export function authorizedKey(header: string | undefined, apiKeys: readonly string[]): string | null {
  if (!header) return null;
  const [scheme, credentials, ...rest] = header.trim().split(/\s+/);
  if (!scheme || !credentials || rest.length > 0) return null;
  switch (scheme.toLowerCase()) {
    case 'basic': {
      const decoded = decodeBasic(credentials);
      // The password must be empty: "key:" exactly.
      return apiKeys.find((key) => decoded === `${key}:`) ?? null;
    }
    case 'bearer':
      return apiKeys.find((key) => credentials === key) ?? null;
    default:
      return null;
  }
}

function decodeBasic(credentials: string): string | null {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(credentials)) return null;
  return Buffer.from(credentials, 'base64').toString('utf8');
}

export const UNAUTHORIZED_MESSAGE =
  'Unauthorized. Send the API key as HTTP Basic username with an empty password, or an OAuth token as Bearer.';

/** Sent with every 401, as an HTTP server asking for Basic credentials does. */
export const AUTHENTICATE_HEADER = { 'WWW-Authenticate': 'Basic realm="api"' };
