// @vitest-environment node
/**
 * The session Close's official Python client (closeio/closeio-api) was run through against the stand-in — draft →
 * schedule years ahead → cancel → send → page → delete — made here the way that client makes requests: the endpoint
 * plus a trailing slash on the base URL, HTTP Basic with the key and an empty password, `X-TZ-Offset` on every call,
 * JSON bodies, 400 → a validation error carrying `errors` and `field-errors`, any other failure → an API error, a
 * 429 slept off for the whole seconds its `RateLimit` header gives (parsed with that client's own regex).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEED, type StandIn, startStandIn } from '../../stand-in/server';

class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
  ) {
    super(`HTTP ${status}`);
  }
}

class ValidationError extends ApiError {
  readonly errors: unknown[];
  readonly fieldErrors: Record<string, string>;
  constructor(status: number, body: Record<string, unknown>) {
    super(status, body);
    this.errors = Array.isArray(body.errors) ? body.errors : [];
    this.fieldErrors = (body['field-errors'] as Record<string, string> | undefined) ?? {};
  }
}

/** The official client's rate-limit regex: only whole seconds match. */
const OFFICIAL_RATE_LIMIT = /limit=(\d+), remaining=(\d+), reset=(\d+)/;

function officialStyleClient(baseUrl: string, apiKey: string, sleeps: number[]) {
  const auth = `Basic ${Buffer.from(`${apiKey}:`).toString('base64')}`;
  async function dispatch(method: string, endpoint: string, data?: unknown, params?: Record<string, string | number>) {
    const url = new URL(`${baseUrl}${endpoint}/`);
    for (const [key, value] of Object.entries(params ?? {})) url.searchParams.set(key, String(value));
    for (let retry = 0; retry < 5; retry++) {
      const response = await fetch(url, {
        method,
        redirect: 'manual',
        headers: {
          Authorization: auth,
          'User-Agent': 'Close/2.1 python (stand-in test)',
          'X-TZ-Offset': '0',
          ...(data ? { 'Content-Type': 'application/json' } : {}),
        },
        body: data ? JSON.stringify(data) : null,
      });
      const text = await response.text();
      if (response.status === 429) {
        const match = OFFICIAL_RATE_LIMIT.exec(response.headers.get('ratelimit') ?? '');
        expect(match, 'the official client must be able to read RateLimit').not.toBeNull();
        sleeps.push(Number(match?.[3]));
        await new Promise((resolve) => setTimeout(resolve, Number(match?.[3]) * 1000));
        continue;
      }
      if (response.ok) return response.status === 204 ? '' : JSON.parse(text);
      if (response.status === 400) throw new ValidationError(400, JSON.parse(text));
      throw new ApiError(response.status, text);
    }
    throw new Error('gave up after retries');
  }
  return {
    get: (endpoint: string, params?: Record<string, string | number>) => dispatch('GET', endpoint, undefined, params),
    post: (endpoint: string, data: unknown) => dispatch('POST', endpoint, data),
    put: (endpoint: string, data: unknown) => dispatch('PUT', endpoint, data),
    delete: (endpoint: string) => dispatch('DELETE', endpoint),
  };
}

let stand: StandIn;
beforeAll(async () => {
  stand = await startStandIn({ sendDelayMs: 50 });
});
afterAll(() => stand.close());

describe("Close's official client's session, made its way", () => {
  it('draft → schedule three years ahead → cancel → send → page → delete', async () => {
    const sleeps: number[] = [];
    const api = officialStyleClient(stand.baseUrl, stand.apiKey, sleeps);
    const me = await api.get('me');
    const numbers = (await api.get('phone_number', { participant_user_id: me.id })).data as {
      number: string;
      type: string;
      sms_enabled: boolean;
    }[];
    const sender = numbers.find((n) => n.type === 'internal' && n.sms_enabled);
    const ana = SEED.contacts.ana;
    const lead = SEED.leads.bayview.id;

    const draft = await api.post('activity/sms', {
      status: 'draft',
      text: 'From the official client, its way',
      lead_id: lead,
      contact_id: ana.id,
      local_phone: sender?.number,
      remote_phone: ana.phone,
    });
    expect(draft.status).toBe('draft');
    const smsPath = `activity/sms/${draft.id}`;
    const threeYears = new Date(Date.now() + 3 * 365 * 86_400_000).toISOString();
    expect(await api.put(smsPath, { status: 'scheduled', date_scheduled: threeYears })).toMatchObject({
      status: 'scheduled',
    });
    // Past setTimeout's ceiling, and still cancellable (it was not, before the stand-in re-armed long timers).
    expect(await api.put(smsPath, { status: 'draft' })).toMatchObject({ status: 'draft', date_scheduled: null });
    expect((await api.put(smsPath, { status: 'outbox' })).status).toBe('outbox');
    await expect.poll(async () => (await api.get(smsPath)).status).toBe('sent');

    const refusedEdit = await api.put(smsPath, { text: 'edit a sent text' }).catch((error: unknown) => error);
    expect(refusedEdit).toBeInstanceOf(ValidationError);
    const refusedCreate = await api
      .post('activity/sms', { status: 'outbox', text: 'no recipient', lead_id: lead })
      .catch((error: unknown) => error);
    expect(refusedCreate).toBeInstanceOf(ValidationError);
    expect(Object.keys((refusedCreate as ValidationError).fieldErrors).sort()).toEqual(['local_phone', 'remote_phone']);

    const seen: string[] = [];
    for (let skip = 0; ; ) {
      const page = await api.get('activity/sms', { lead_id: lead, _limit: 2, _skip: skip });
      seen.push(...page.data.map((sms: { id: string }) => sms.id));
      if (!page.has_more) break;
      skip += page.data.length;
    }
    expect(seen).toContain(draft.id);
    expect(new Set(seen).size).toBe(seen.length);

    expect(await api.delete(smsPath)).toEqual({});
    const gone = await api.get(smsPath).catch((error: unknown) => error);
    expect(gone).toBeInstanceOf(ApiError);
    expect((gone as ApiError).status).toBe(404);
  });

  it("a 429 carries a whole-second reset the client's regex reads, and the repeat then succeeds", async () => {
    const sleeps: number[] = [];
    const api = officialStyleClient(stand.baseUrl, stand.apiKey, sleeps);
    stand.rateLimits.setLimit('GET /me/', 1);
    await api.get('me');
    await api.get('me');
    expect(sleeps).toEqual([1]);
    stand.rateLimits.reset();
  });
});
