/**
 * Starts the HTTP stand-in and a client pointed at it. `sleep` returns at once (and
 * records the wait) so rate-limit and backoff tests never actually wait.
 */
import { afterAll, beforeEach } from 'vitest';
import { type CloseClient, type CloseClientOptions, createCloseClient } from '../../../lib/close/client';
import { CloseApiError } from '../../../lib/close/errors';
import { type StandIn, type StandInOptions, startStandIn } from '../../stand-in/server';

export interface Harness {
  standIn: StandIn;
  client: CloseClient;
  waits: number[];
  clientWith(options: Partial<CloseClientOptions>): CloseClient;
}

/** One stand-in per test file, reset before each test. */
export function standInPerFile(options: StandInOptions = {}): Harness {
  const harness = {} as Harness;
  const ready = startStandIn({ sendDelayMs: 50, ...options }).then((standIn) => {
    harness.standIn = standIn;
    harness.waits = [];
    harness.clientWith = (overrides) =>
      createCloseClient({
        baseUrl: standIn.baseUrl,
        getApiKey: async () => standIn.apiKey,
        sleep: async (ms) => void harness.waits.push(ms),
        random: () => 0,
        timeoutMs: 2000,
        ...overrides,
      });
    harness.client = harness.clientWith({});
  });
  beforeEach(async () => {
    await ready;
    harness.standIn.reset();
    harness.waits.length = 0;
    harness.client = harness.clientWith({});
  });
  afterAll(async () => {
    await ready;
    await harness.standIn.close();
  });
  return harness;
}

export async function failure(promise: Promise<unknown>): Promise<CloseApiError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof CloseApiError) return error;
    throw error;
  }
  throw new Error('expected a CloseApiError');
}

/** Requests that reached the stand-in for one method and path (path without the /api/v1 prefix). */
export function requestsTo(standIn: StandIn, method: string, path: string) {
  return standIn.requests.filter((request) => request.method === method && request.path === `/api/v1/${path}`);
}

export async function eventually(check: () => boolean, timeoutMs = 3000): Promise<void> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > timeoutMs) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
