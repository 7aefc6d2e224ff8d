/**
 * A scripted `fetch` for request-layer tests that don't need the HTTP stand-in:
 * each call takes the next step, and every call is recorded.
 */
export type Step = Response | Error | 'hang' | ((request: Request) => Response | Promise<Response>);

export interface FakeFetch {
  fetch: typeof fetch;
  calls: Request[];
  bodies: unknown[];
}

export function fakeFetch(steps: Step[]): FakeFetch {
  const calls: Request[] = [];
  const bodies: unknown[] = [];
  const fetchImpl = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    calls.push(request);
    const text = init?.body ? String(init.body) : '';
    bodies.push(text ? JSON.parse(text) : undefined);
    const step = steps.shift();
    if (step === undefined) throw new Error(`unexpected request ${request.method} ${request.url}`);
    if (step === 'hang') return hang(init?.signal);
    if (step instanceof Error) throw step;
    if (typeof step === 'function') return step(request);
    return step;
  };
  return { fetch: fetchImpl as typeof fetch, calls, bodies };
}

export function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } });
}

function hang(signal: AbortSignal | null | undefined): Promise<Response> {
  return new Promise((_resolve, reject) => {
    signal?.addEventListener('abort', () => reject(signal.reason));
  });
}

export const SMS = {
  id: 'acti_one',
  status: 'draft',
  date_created: '2026-05-04T17:00:01.123000+00:00',
  text: 'Hi',
  remote_phone: '+16505550199',
  local_phone: '+14155550100',
  lead_id: 'lead_one',
  contact_id: 'cont_one',
};

/** `sleep` that returns at once and remembers what it was asked to wait. */
export function recordingSleep(): { sleep: (ms: number) => Promise<void>; waits: number[] } {
  const waits: number[] = [];
  return { waits, sleep: async (ms: number) => void waits.push(ms) };
}
