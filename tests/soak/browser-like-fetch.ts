/**
 * A `fetch` over node:http that behaves like Chromium's network stack in the one way that matters for duplicates:
 * when a request sent on a *reused* keep-alive connection fails before any byte of the answer arrives, it is sent
 * again, once, on another connection — whatever the method (Chromium takes the failure for a connection the server
 * had already closed). Node's own fetch (undici) never re-sends a POST, so tests of the client under Node would
 * otherwise miss the duplicates a browser produces.
 */
import { Agent, request as httpRequest, type IncomingMessage } from 'node:http';

export interface BrowserLikeFetch {
  fetch: typeof fetch;
  /** Requests sent again by the emulated browser. */
  readonly resends: number;
  /**
   * The next request matching `method` and `path` opens a new connection, as after the browser closed an idle one:
   * how a test gets a request onto a *fresh* connection (which a browser does not re-send).
   */
  freshConnectionNext(method: string, path: RegExp): void;
  close(): void;
}

export function browserLikeFetch(): BrowserLikeFetch {
  const agent = new Agent({ keepAlive: true, maxSockets: 6 });
  let resends = 0;
  const wantFresh: { method: string; path: RegExp }[] = [];

  const fetchImpl = (input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> =>
    new Promise<Response>((resolve, reject) => {
      const url = new URL(input instanceof Request ? input.url : String(input));
      const headers = Object.fromEntries(new Headers(init.headers).entries());
      const body = typeof init.body === 'string' ? init.body : null;
      const signal = init.signal ?? null;
      if (signal?.aborted) return reject(signal.reason);

      const method = (init.method ?? 'GET').toUpperCase();
      const freshIndex = wantFresh.findIndex((want) => want.method === method && want.path.test(url.pathname));
      const fresh = freshIndex >= 0;
      if (fresh) wantFresh.splice(freshIndex, 1);
      const attempt = (isResend: boolean) => {
        let answered = false;
        const req = httpRequest(
          {
            // A one-off connection, closed after the answer.
            agent: fresh && !isResend ? false : agent,
            method,
            hostname: url.hostname,
            port: url.port,
            path: `${url.pathname}${url.search}`,
            headers: body === null ? headers : { ...headers, 'content-length': String(Buffer.byteLength(body)) },
          },
          (res) => {
            answered = true;
            readAll(res).then((bytes) => {
              const status = res.statusCode ?? 0;
              if (status >= 300 && status < 400 && res.headers.location && init.redirect === 'error') {
                return reject(new TypeError('fetch failed: redirect refused'));
              }
              const noBody = status === 204 || status === 304;
              resolve(new Response(noBody ? null : new Uint8Array(bytes), { status, headers: toHeaders(res) }));
            }, reject);
          },
        );
        const onAbort = () => req.destroy(signal?.reason);
        signal?.addEventListener('abort', onAbort, { once: true });
        req.on('close', () => signal?.removeEventListener('abort', onAbort));
        req.on('error', (error) => {
          if (signal?.aborted) return reject(signal.reason);
          if (!answered && req.reusedSocket && !isResend) {
            resends += 1;
            return attempt(true);
          }
          reject(new TypeError('fetch failed', { cause: error }));
        });
        req.end(body ?? undefined);
      };
      attempt(false);
    });

  return {
    fetch: fetchImpl as typeof fetch,
    get resends() {
      return resends;
    },
    freshConnectionNext: (method, path) => {
      wantFresh.push({ method: method.toUpperCase(), path });
    },
    close: () => agent.destroy(),
  };
}

function readAll(res: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    res.on('data', (chunk: Buffer) => chunks.push(chunk));
    res.on('end', () => resolve(Buffer.concat(chunks)));
    res.on('error', reject);
  });
}

function toHeaders(res: IncomingMessage): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(res.headers)) {
    if (Array.isArray(value)) for (const item of value) headers.append(name, item);
    else if (value !== undefined) headers.set(name, value);
  }
  return headers;
}
