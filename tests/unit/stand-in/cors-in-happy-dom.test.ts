/**
 * Runs in the unit config's happy-dom environment on purpose: happy-dom's fetch enforces CORS (its page origin is
 * http://localhost:3000), which is what a client test meets unless it picks the node environment.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEED, type StandIn, startStandIn } from '../../stand-in/server';

const auth = { Authorization: `Basic ${btoa(`${SEED.apiKey}:`)}` };

describe('CORS', () => {
  let withCors: StandIn;
  let withoutCors: StandIn;

  beforeAll(async () => {
    withCors = await startStandIn({ cors: true });
    withoutCors = await startStandIn();
  });
  afterAll(async () => {
    await withCors.close();
    await withoutCors.close();
  });

  it('is off by default, so a CORS-enforcing fetch is blocked', async () => {
    await expect(fetch(`${withoutCors.baseUrl}me/`, { headers: auth })).rejects.toThrow(/Cross-Origin/);
  });

  it('with cors: true, answers preflights and exposes RateLimit', async () => {
    const response = await fetch(`${withCors.baseUrl}activity/sms/`, {
      method: 'POST',
      headers: { ...auth, 'Content-Type': 'application/json' },
      body: JSON.stringify({ status: 'draft', text: 'From happy-dom', contact_id: SEED.contacts.ana.id }),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('RateLimit')).toMatch(/^limit=/);
    expect(withCors.state.smsByText('From happy-dom')).toHaveLength(1);
    const preflights = withCors.requests.filter((request) => request.method === 'OPTIONS');
    expect(preflights.every((request) => request.status === 204)).toBe(true);
  });
});
