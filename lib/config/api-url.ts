/**
 * The Close API base URL is fixed at build time (WXT_CLOSE_API_URL). A build talks to
 * https://api.close.com and nothing else, unless WXT_ALLOW_LOCAL_API=1 — set only by the
 * tests, the bench and the demo — lets it point at a stand-in on this machine (loopback only).
 * No other origin can ever receive the API key.
 */
export const DEFAULT_CLOSE_API_URL = 'https://api.close.com/api/v1/';

export interface ApiTarget {
  /** Base URL, always ending with a slash. */
  baseUrl: string;
  /** Match pattern for the manifest's host_permissions. */
  hostPermission: string;
  /** A stand-in on this machine, not Close itself. */
  local: boolean;
}

const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

const CLOSE_ORIGIN = 'https://api.close.com';

export function resolveApiTarget(raw: string | undefined, opts: { allowLocal?: boolean } = {}): ApiTarget {
  const value = raw?.trim() || DEFAULT_CLOSE_API_URL;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(
      `WXT_CLOSE_API_URL is not a valid URL: "${value}". Use e.g. https://api.close.com/api/v1/ or http://127.0.0.1:4010/api/v1/`,
    );
  }
  const local = LOCAL_HOSTS.has(url.hostname);
  if (url.protocol !== 'https:' && !(local && url.protocol === 'http:')) {
    throw new Error(
      `WXT_CLOSE_API_URL must use https (plain http is allowed only for 127.0.0.1/localhost): "${value}"`,
    );
  }
  if (local && !opts.allowLocal) {
    throw new Error(
      `WXT_CLOSE_API_URL points at a local stand-in (${value}): set WXT_ALLOW_LOCAL_API=1 for test and demo builds.`,
    );
  }
  if (!local && url.origin !== CLOSE_ORIGIN) {
    throw new Error(`WXT_CLOSE_API_URL must be on ${CLOSE_ORIGIN} (the key is sent to no other host): "${value}"`);
  }
  if (url.search || url.hash || url.username || url.password) {
    throw new Error(`WXT_CLOSE_API_URL must not carry a query, fragment or credentials: "${value}"`);
  }
  const path = url.pathname.endsWith('/') ? url.pathname : `${url.pathname}/`;
  // Chrome and Firefox match patterns ignore the port, so one pattern covers the stand-in on any port.
  return { baseUrl: `${url.origin}${path}`, hostPermission: `${url.protocol}//${url.hostname}/*`, local };
}
