import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { AUTHENTICATE_HEADER, authorizedKey, UNAUTHORIZED_MESSAGE } from './auth';
import { CORS_HEADERS, PREFLIGHT_HEADERS } from './cors';
import type { FaultInjector } from './faults';
import { HttpError, plainError } from './http-errors';
import { type RateLimiter, rateLimitedBody, rateLimitHeader } from './rate-limit';
import { matchRoute, type Route, type RouteContext, routeGroup } from './routing';
import type { SmsDelivery } from './sms-delivery';
import type { StandInState } from './state';

export const API_PREFIX = '/api/v1';
const MAX_BODY_BYTES = 1_000_000;

export interface RecordedRequest {
  /** The effective method (after `X-HTTP-Method-Override`). */
  method: string;
  /** The URL path as received, e.g. `/api/v1/activity/sms/`. */
  path: string;
  query: Record<string, string>;
  /** Parsed JSON; the raw text when it was not JSON; undefined without a body. */
  body: unknown;
  headers: IncomingHttpHeaders;
  at: Date;
  /** The status sent, or null while pending and when the stand-in never answered (hang, drop). */
  status: number | null;
  /** Arrived on a connection that had already served a request. */
  keptAlive: boolean;
}

export interface PipelineDeps {
  state: StandInState;
  delivery: SmsDelivery;
  now: () => Date;
  /** Every key of the organization; the first is the main one. */
  apiKeys: readonly string[];
  faults: FaultInjector;
  rateLimiter: RateLimiter;
  requests: RecordedRequest[];
  routes: Route[];
  log: (message: string, error?: unknown) => void;
  /** Answer preflights and add Access-Control-* headers (see cors.ts). */
  cors: boolean;
}

interface Reply {
  status: number;
  body: unknown;
  headers: Record<string, string>;
}

interface Incoming {
  method: string;
  url: URL;
  raw: string;
  headers: IncomingHttpHeaders;
  /** Not the first request on its connection. */
  keptAlive: boolean;
}

export function createRequestListener(deps: PipelineDeps): (req: IncomingMessage, res: ServerResponse) => void {
  // Requests seen per connection: a later one arrived on a kept-alive connection (see FaultMatch.connection).
  const served = new WeakMap<Socket, number>();
  return (req, res) => {
    const count = served.get(req.socket) ?? 0;
    served.set(req.socket, count + 1);
    handle(deps, req, res, count > 0).catch((error: unknown) => {
      deps.log(`[stand-in] ${req.method} ${req.url} crashed`, error);
      send(res, { status: 500, body: { error: 'Internal' }, headers: {} });
    });
  };
}

async function handle(
  deps: PipelineDeps,
  req: IncomingMessage,
  res: ServerResponse,
  keptAlive: boolean,
): Promise<void> {
  const raw = await readBody(req);
  if (raw === null) return send(res, { status: 413, body: { error: 'Request body too large.' }, headers: {} });
  const incoming: Incoming = {
    method: effectiveMethod(req),
    url: new URL(req.url ?? '/', 'http://stand-in'),
    raw,
    headers: req.headers,
    keptAlive,
  };
  const recorded = record(deps, incoming);
  const reply = replyFor(deps, incoming);
  if (reply === 'hang') return;
  if (reply === 'drop') {
    // The change is applied; the client just never hears about it.
    req.socket.destroy();
    return;
  }
  recorded.status = reply.status;
  send(res, deps.cors ? { ...reply, headers: { ...CORS_HEADERS, ...reply.headers } } : reply);
}

function replyFor(deps: PipelineDeps, incoming: Incoming): Reply | 'hang' | 'drop' {
  // A preflight is the browser's, not the client's: no auth, no faults, no rate limit.
  if (deps.cors && incoming.method === 'OPTIONS') return { status: 204, body: '', headers: { ...PREFLIGHT_HEADERS } };
  const fault = deps.faults.take(incoming.method, incoming.url.pathname, incoming.keptAlive);
  if (fault?.kind === 'hang') return 'hang';
  if (fault?.kind === 'fail') return { status: fault.status, body: fault.body, headers: fault.headers };
  const reply = safeDispatch(deps, incoming);
  if (fault?.kind === 'hang-after-apply') return 'hang';
  return fault?.kind === 'drop-after-apply' ? 'drop' : reply;
}

function effectiveMethod(req: IncomingMessage): string {
  const method = (req.method ?? 'GET').toUpperCase();
  const override = req.headers['x-http-method-override'];
  // Close lets a POST stand in for GET (long filters) or PUT/DELETE (clients that cannot send them).
  return method === 'POST' && typeof override === 'string' && override ? override.toUpperCase() : method;
}

function record(deps: PipelineDeps, incoming: Incoming): RecordedRequest {
  const entry: RecordedRequest = {
    method: incoming.method,
    path: incoming.url.pathname,
    query: Object.fromEntries(incoming.url.searchParams),
    body: incoming.raw === '' ? undefined : tryParse(incoming.raw),
    headers: incoming.headers,
    at: deps.now(),
    status: null,
    keptAlive: incoming.keptAlive,
  };
  deps.requests.push(entry);
  return entry;
}

/** A bug in a handler must answer 500 (and be logged), never take the server down. */
function safeDispatch(deps: PipelineDeps, incoming: Incoming): Reply {
  try {
    return dispatch(deps, incoming);
  } catch (error) {
    deps.log(`[stand-in] ${incoming.method} ${incoming.url.pathname} crashed`, error);
    return errorReply(500, 'Internal');
  }
}

function dispatch(deps: PipelineDeps, incoming: Incoming): Reply {
  const key = authorizedKey(incoming.headers.authorization, deps.apiKeys);
  if (key === null) return { ...errorReply(401, UNAUTHORIZED_MESSAGE), headers: { ...AUTHENTICATE_HEADER } };
  const path = apiPath(incoming.url.pathname);
  if (path === null) return errorReply(404, `Not found: ${incoming.url.pathname}`);
  if (!incoming.url.pathname.endsWith('/')) return missingSlash(incoming);
  const match = matchRoute(deps.routes, incoming.method, path);
  if (match.kind === 'not-found') return errorReply(404, `Not found: ${incoming.url.pathname}`);
  if (match.kind === 'method-not-allowed') {
    return { ...errorReply(405, 'Method not allowed.'), headers: { Allow: match.allowed.join(', ') } };
  }
  const verdict = deps.rateLimiter.take(routeGroup(match.route), key);
  const headers = { RateLimit: rateLimitHeader(verdict) };
  if (!verdict.allowed) return { status: 429, body: rateLimitedBody(verdict), headers };
  try {
    const ctx = routeContext(deps, incoming, match.params);
    return { ...match.route.handler(ctx), headers };
  } catch (error) {
    if (error instanceof HttpError) return { status: error.status, body: error.body, headers };
    throw error;
  }
}

/**
 * Close's paths end with a slash (close-api.md §3.6). Like the Django app behind it, a GET without one is redirected
 * to the slashed URL; any other method cannot be redirected safely (the body would be lost), so it is a 404.
 */
function missingSlash(incoming: Incoming): Reply {
  const slashed = `${incoming.url.pathname}/${incoming.url.search}`;
  if (incoming.method === 'GET') return { status: 301, body: '', headers: { Location: slashed } };
  return errorReply(404, `Not found: ${incoming.url.pathname} (Close's API paths end with a slash: ${slashed}).`);
}

/** `/api/v1/activity/sms/` → `/activity/sms/`; null outside the API prefix. */
function apiPath(pathname: string): string | null {
  if (pathname !== API_PREFIX && !pathname.startsWith(`${API_PREFIX}/`)) return null;
  const rest = pathname.slice(API_PREFIX.length) || '/';
  return rest.endsWith('/') ? rest : `${rest}/`;
}

function routeContext(deps: PipelineDeps, incoming: Incoming, params: Record<string, string>): RouteContext {
  const body = parseJsonBody(incoming);
  const query = new URLSearchParams(incoming.url.searchParams);
  mergeOverrideParams(incoming, body, query);
  const offset = Number(incoming.headers['x-tz-offset'] ?? 0);
  return {
    state: deps.state,
    delivery: deps.delivery,
    now: deps.now,
    params,
    query,
    body,
    tzOffsetHours: Number.isFinite(offset) ? offset : 0,
  };
}

function parseJsonBody(incoming: Incoming): unknown {
  if (incoming.raw.trim() === '') return undefined;
  const type = incoming.headers['content-type'] ?? '';
  if (!type.toLowerCase().includes('json')) {
    throw plainError(415, 'Unsupported media type: send JSON with Content-Type: application/json.');
  }
  try {
    return JSON.parse(incoming.raw);
  } catch {
    throw plainError(400, 'Invalid JSON in the request body.');
  }
}

/** With `X-HTTP-Method-Override: GET`, filters travel in the body under `_params` (Close, filter-parameters). */
function mergeOverrideParams(incoming: Incoming, body: unknown, query: URLSearchParams): void {
  if (incoming.method !== 'GET' || typeof body !== 'object' || body === null) return;
  const params = (body as Record<string, unknown>)._params;
  if (typeof params !== 'object' || params === null) return;
  for (const [key, value] of Object.entries(params)) {
    query.set(key, Array.isArray(value) ? value.join(',') : String(value));
  }
}

function errorReply(status: number, message: string): Reply {
  return { status, body: { error: message }, headers: {} };
}

function tryParse(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return raw;
  }
}

function readBody(req: IncomingMessage): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.on('end', () => resolve(size > MAX_BODY_BYTES ? null : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, reply: Reply): void {
  if (res.headersSent || res.destroyed) return;
  const isText = typeof reply.body === 'string';
  // 204 carries no body (DELETE /blocked_phone_number/{id}/ answers it, as Close's spec says).
  const payload = reply.status === 204 ? '' : isText ? (reply.body as string) : JSON.stringify(reply.body);
  res.writeHead(reply.status, {
    'Content-Type': isText ? 'text/plain; charset=utf-8' : 'application/json',
    'Content-Length': Buffer.byteLength(payload),
    ...reply.headers,
  });
  res.end(payload);
}
