import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FaultInjector } from './faults';
import { type IncomingReply, receiveReply } from './inbound';
import { DEFAULT_RATE_LIMIT, RateLimiter, type RateLimitRule } from './rate-limit';
import { API_PREFIX, createRequestListener, type RecordedRequest } from './request-pipeline';
import { ROUTES } from './routes';
import { emptyState, resetState, SEED } from './seed';
import { type CarrierHandOff, SmsDelivery } from './sms-delivery';
import type { StandInState } from './state';
import type { SmsRecord } from './types';

export type { FailSpec, FaultInjector, FaultMatch } from './faults';
export type { IncomingReply } from './inbound';
export type { RateLimiter, RateLimitRule } from './rate-limit';
export type { RecordedRequest } from './request-pipeline';
export { SEED } from './seed';
export { SMS_TO_ANA } from './seed-data';
export type { CarrierHandOff } from './sms-delivery';
export type { StandInState } from './state';
export type * from './types';

export interface StandInOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Default `SEED.apiKey` ('demo_close_api_key'). */
  apiKey?: string;
  /** More keys of the same organization (other reps); each has its own rate-limit counts, the organization a 3× one. */
  extraApiKeys?: string[];
  /** Seed the demo organization (default true); false leaves only the user and organization. */
  seed?: boolean;
  /** How long an SMS stays in `outbox` before it becomes `sent` or `error` (default 1500 ms). */
  sendDelayMs?: number;
  /** Milliseconds per `send_in` second (default 1000); tests shrink it to keep undo windows short. */
  sendInUnitMs?: number;
  /** The stand-in's clock for timestamps and "in the future" checks (timers still run in real time). */
  now?: () => Date;
  /** The limit of every endpoint group without its own (default 40 per 1000 ms). */
  rateLimit?: RateLimitRule;
  /** Limits per group, keyed `METHOD /path/template/`, e.g. `{ 'POST /activity/sms/': { limit: 2, windowMs: 1000 } }`. */
  rateLimits?: Record<string, RateLimitRule>;
  /**
   * Answer CORS preflights and allow any origin (default false). Needed only by callers that enforce CORS, such as
   * happy-dom's fetch; the extension's background is not subject to it.
   */
  cors?: boolean;
  /** How long new contacts stay invisible to contact search (default 0; Close's index lags behind writes). */
  searchLagMs?: number;
  /** Contact-search results per page before a cursor is handed out (default 100). */
  searchPageSize?: number;
  /** Where crashes are reported (default console.error, i.e. stderr). */
  log?: (message: string, error?: unknown) => void;
}

export interface StandIn {
  /** `http://127.0.0.1:PORT` */
  url: string;
  /** `url + '/api/v1/'` */
  baseUrl: string;
  apiKey: string;
  state: StandInState;
  faults: FaultInjector;
  /** Per endpoint group; `rateLimits.setLimit('GET /activity/sms/', 2)` makes the third call in a second a 429. */
  rateLimits: RateLimiter;
  requests: RecordedRequest[];
  /** Every text handed to the carrier, in order: what customers received (deleting an SMS does not remove it). */
  carrier: readonly CarrierHandOff[];
  /**
   * Test hook: the carrier delivers a customer's text to the org. Close logs it as an `inbox` SMS on the contact
   * with that number (on no lead when none has it), which the SMS list then serves like any other.
   */
  receiveReply(reply: IncomingReply): SmsRecord;
  /** Back to the seeded state: data, pending sends, faults, rate-limit counts and recorded requests. */
  reset(): void;
  /**
   * Close restarting: every open connection is cut (requests in flight get no answer), nothing listens for `downMs`,
   * then the same organization is served again on the same port. Data and pending sends survive, as in Close's DB.
   */
  restart(downMs?: number): Promise<void>;
  close(): Promise<void>;
}

export async function startStandIn(opts: StandInOptions = {}): Promise<StandIn> {
  const now = opts.now ?? (() => new Date());
  const seed = opts.seed ?? true;
  const apiKey = opts.apiKey ?? SEED.apiKey;
  const state = emptyState(now());
  const applySearchOptions = () => {
    state.searchLagMs = opts.searchLagMs ?? 0;
    state.searchPageSize = opts.searchPageSize ?? 100;
  };
  resetState(state, now(), seed);
  applySearchOptions();
  const delivery = new SmsDelivery(state, {
    now,
    sendDelayMs: opts.sendDelayMs ?? 1500,
    sendInUnitMs: opts.sendInUnitMs ?? 1000,
  });
  delivery.resumeAll();
  const faults = new FaultInjector();
  const rateLimits = new RateLimiter(opts.rateLimit ?? DEFAULT_RATE_LIMIT, opts.rateLimits);
  const requests: RecordedRequest[] = [];
  const log = opts.log ?? ((message: string, error?: unknown) => console.error(message, error ?? ''));
  const deps = {
    state,
    delivery,
    now,
    apiKeys: [apiKey, ...(opts.extraApiKeys ?? [])],
    faults,
    rateLimiter: rateLimits,
    requests,
    routes: ROUTES,
    log,
    cors: opts.cors ?? false,
  };
  const host = opts.host ?? '127.0.0.1';
  let server = createServer(createRequestListener(deps));
  const address = await listen(server, opts.port ?? 0, host);
  const url = `http://${formatHost(address.address)}:${address.port}`;
  return {
    url,
    baseUrl: `${url}${API_PREFIX}/`,
    apiKey,
    state,
    faults,
    rateLimits,
    requests,
    carrier: delivery.handedToCarrier,
    receiveReply: (reply) => receiveReply(state, reply, now()),
    reset() {
      delivery.cancelAll();
      delivery.clearLog();
      resetState(state, now(), seed);
      applySearchOptions();
      delivery.resumeAll();
      faults.clear();
      rateLimits.reset();
      requests.length = 0;
    },
    async restart(downMs = 200) {
      await new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      });
      await new Promise((resolve) => setTimeout(resolve, downMs));
      server = createServer(createRequestListener(deps));
      await listen(server, address.port, host);
    },
    close: () => shutdown(server, delivery),
  };
}

function listen(server: Server, port: number, host: string): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve(server.address() as AddressInfo);
    });
  });
}

function formatHost(address: string): string {
  return address.includes(':') ? `[${address}]` : address;
}

/** Stops timers, then drops open sockets (hung requests and keep-alive connections) so close() never waits on them. */
function shutdown(server: Server, delivery: SmsDelivery): Promise<void> {
  delivery.cancelAll();
  return new Promise((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()));
    server.closeAllConnections();
  });
}
