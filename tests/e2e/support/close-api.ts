import type { StandIn } from '../../stand-in/server';

/** Creates an SMS in the stand-in over its HTTP API, as another Close client (or the web app) would. */
export async function createSmsInClose(close: StandIn, body: Record<string, unknown>): Promise<{ id: string }> {
  const res = await fetch(`${close.baseUrl}activity/sms/`, {
    method: 'POST',
    headers: { authorization: `Basic ${btoa(`${close.apiKey}:`)}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`stand-in refused the SMS: ${res.status} ${await res.text()}`);
  return (await res.json()) as { id: string };
}
