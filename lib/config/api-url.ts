/**
 * The Close API base URL is fixed at build time (WXT_CLOSE_API_URL) so that a
 * build can be pointed at the local stand-in for tests and the demo, while a
 * production build only ever talks to api.close.com.
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

export function resolveApiTarget(raw: string | undefined): ApiTarget {
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
  if (url.search || url.hash || url.username || url.password) {
    throw new Error(`WXT_CLOSE_API_URL must not carry a query, fragment or credentials: "${value}"`);
  }
  const path = url.pathname.endsWith('/') ? url.pathname : `${url.pathname}/`;
  // Chrome and Firefox match patterns ignore the port, so one pattern covers the stand-in on any port.
  return { baseUrl: `${url.origin}${path}`, hostPermission: `${url.protocol}//${url.hostname}/*`, local };
}
