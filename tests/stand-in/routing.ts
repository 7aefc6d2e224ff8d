import { rateLimitGroup } from './rate-limit';
import type { SmsDelivery } from './sms-delivery';
import type { StandInState } from './state';

export type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface RouteContext {
  state: StandInState;
  delivery: SmsDelivery;
  now: () => Date;
  params: Record<string, string>;
  query: URLSearchParams;
  /** Parsed JSON body (POST/PUT); undefined when the request had none. */
  body: unknown;
  /** From `X-TZ-Offset` (hours), which Close applies to date filters without an offset. */
  tzOffsetHours: number;
}

export interface RouteResult {
  status: number;
  body: unknown;
}

export interface Route {
  method: Method;
  /** Path under /api/v1 with `{param}` segments, always with the trailing slash: `/activity/sms/{id}/`. */
  template: string;
  handler: (ctx: RouteContext) => RouteResult;
}

export type RouteMatch =
  | { kind: 'found'; route: Route; params: Record<string, string> }
  | { kind: 'not-found' }
  | { kind: 'method-not-allowed'; allowed: Method[] };

export function matchRoute(routes: Route[], method: string, path: string): RouteMatch {
  const candidates = routes
    .map((route) => ({ route, params: matchTemplate(route.template, path) }))
    .filter((item): item is { route: Route; params: Record<string, string> } => item.params !== null);
  if (candidates.length === 0) return { kind: 'not-found' };
  const exact = candidates.find((item) => item.route.method === method);
  if (exact) return { kind: 'found', ...exact };
  return { kind: 'method-not-allowed', allowed: candidates.map((item) => item.route.method) };
}

function matchTemplate(template: string, path: string): Record<string, string> | null {
  const want = template.split('/');
  const got = path.split('/');
  if (want.length !== got.length) return null;
  const params: Record<string, string> = {};
  for (const [index, segment] of want.entries()) {
    const actual = got[index] ?? '';
    if (segment.startsWith('{') && segment.endsWith('}')) {
      const value = safeDecode(actual);
      if (!value) return null;
      params[segment.slice(1, -1)] = value;
    } else if (segment !== actual) {
      return null;
    }
  }
  return params;
}

function safeDecode(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

/** The rate-limit group Close would count this request in (see rate-limit.ts: routes share buckets). */
export function routeGroup(route: Route): string {
  return rateLimitGroup(route.method, route.template);
}
