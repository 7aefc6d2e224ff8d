/**
 * Close accepts the API key as HTTP Basic username with an empty password, or an OAuth access token as Bearer.
 * The stand-in treats its one key as both.
 */
export function isAuthorized(header: string | undefined, apiKey: string): boolean {
  if (!header) return false;
  const [scheme, credentials, ...rest] = header.trim().split(/\s+/);
  if (!scheme || !credentials || rest.length > 0) return false;
  switch (scheme.toLowerCase()) {
    case 'basic':
      return decodeBasic(credentials) === `${apiKey}:`;
    case 'bearer':
      return credentials === apiKey;
    default:
      return false;
  }
}

function decodeBasic(credentials: string): string | null {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(credentials)) return null;
  return Buffer.from(credentials, 'base64').toString('utf8');
}

export const UNAUTHORIZED_MESSAGE =
  'Unauthorized. Send the API key as HTTP Basic username with an empty password, or an OAuth token as Bearer.';
