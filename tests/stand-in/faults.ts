/**
 * Scripted failures for the next matching requests. Each fault is consumed `count` times (default 1), first
 * registered first; `path` is a substring of, or a RegExp tested against, the URL path (e.g. `/api/v1/activity/sms/`).
 */

export interface FaultMatch {
  count?: number;
  /** HTTP method, any case. Omitted: any method. */
  method?: string;
  path?: string | RegExp;
  /**
   * Only a request arriving on a connection that already served one ('kept-alive'), or only the first request of a
   * connection ('fresh'). Omitted: either. A browser re-sends a request by itself when a *kept-alive* connection closes
   * before any byte of the answer (it takes it for a stale connection the server had closed), so
   * `dropAfterApplyNext({ connection: 'kept-alive' })` reproduces that re-send; on a fresh connection it does not.
   */
  connection?: 'fresh' | 'kept-alive';
  /** A name for the fault in `taken` (e.g. the soak's fault kinds). */
  label?: string;
}

/** A fault that met its request. */
export interface TakenFault {
  kind: ActiveFault['kind'];
  label: string | undefined;
  method: string;
  path: string;
  keptAlive: boolean;
}

export interface FailSpec extends FaultMatch {
  status: number;
  /** JSON-encoded unless it is a string, which is sent as is (e.g. an HTML 502 page from a proxy). */
  body?: unknown;
  headers?: Record<string, string>;
}

export type ActiveFault =
  | { kind: 'fail'; status: number; body: unknown; headers: Record<string, string> }
  | { kind: 'hang' }
  | { kind: 'drop-after-apply' }
  | { kind: 'hang-after-apply' };

interface Pending {
  match: FaultMatch;
  remaining: number;
  fault: ActiveFault;
}

export class FaultInjector {
  private queue: Pending[] = [];
  /** Every fault that was applied, in order (cleared by `clear()`). */
  readonly taken: TakenFault[] = [];

  /** Answers the next matching requests with `status` without touching the state. */
  failNext(spec: FailSpec): void {
    const body = spec.body ?? { error: `Injected failure (HTTP ${spec.status})` };
    this.add(spec, { kind: 'fail', status: spec.status, body, headers: spec.headers ?? {} });
  }

  /** Never answers the next matching requests; the socket stays open until the client gives up. */
  hangNext(spec: FaultMatch = {}): void {
    this.add(spec, { kind: 'hang' });
  }

  /**
   * Applies the next matching requests (e.g. creates the SMS) and then destroys the socket without answering: the
   * case where a naive retry sends a duplicate.
   */
  dropAfterApplyNext(spec: FaultMatch = {}): void {
    this.add(spec, { kind: 'drop-after-apply' });
  }

  /** Applies the next matching requests, then never answers (the client times out, or its process is stopped). */
  hangAfterApplyNext(spec: FaultMatch = {}): void {
    this.add(spec, { kind: 'hang-after-apply' });
  }

  clear(): void {
    this.queue = [];
    this.taken.length = 0;
  }

  /** How many injected failures are still waiting for a request. */
  get pending(): number {
    return this.queue.reduce((sum, item) => sum + item.remaining, 0);
  }

  /** Consumes and returns the first fault matching this request, if any. */
  take(method: string, path: string, keptAlive = false): ActiveFault | null {
    const item = this.queue.find((candidate) => matches(candidate.match, method, path, keptAlive));
    if (!item) return null;
    item.remaining -= 1;
    if (item.remaining <= 0) this.queue = this.queue.filter((candidate) => candidate !== item);
    this.taken.push({ kind: item.fault.kind, label: item.match.label, method, path, keptAlive });
    return item.fault;
  }

  private add(match: FaultMatch, fault: ActiveFault): void {
    const count = match.count ?? 1;
    if (!Number.isInteger(count) || count < 1) throw new Error(`Fault count must be a positive integer, got ${count}`);
    this.queue.push({ match, remaining: count, fault });
  }
}

function matches(match: FaultMatch, method: string, path: string, keptAlive: boolean): boolean {
  if (match.method && match.method.toUpperCase() !== method.toUpperCase()) return false;
  if (match.connection && (match.connection === 'kept-alive') !== keptAlive) return false;
  if (match.path === undefined) return true;
  return typeof match.path === 'string' ? path.includes(match.path) : match.path.test(path);
}
