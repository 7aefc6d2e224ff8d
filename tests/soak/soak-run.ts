/**
 * The soak: many send / schedule / quick-edit / undo / create-lead operations through the real Close client
 * (lib/close/client.ts; quick edits through lib/sms/edit-queued.ts as the Drafts & scheduled view does) against the
 * real HTTP stand-in, with faults of every kind injected, over a fetch that re-sends like Chromium
 * (browser-like-fetch.ts). Afterwards every operation is compared with what Close holds and what the carrier got:
 * - duplicate: more than one text went out (or more than one lead exists) for one operation;
 * - lost: the rep was told it worked, but Close does not have it;
 * - silent: the rep was told something false without being told the outcome is unknown — "not sent" when it went,
 *   "undone" when it still went out — or got an error that is not a CloseApiError.
 * An operation may honestly fail (told so); that is neither.
 */
import { type CloseClient, createCloseClient } from '../../lib/close/client';
import { CloseApiError } from '../../lib/close/errors';
import type { CreateSmsBody } from '../../lib/close/schemas';
import { editQueued } from '../../lib/sms/edit-queued';
import { SMS_TO_ANA, type StandIn, startStandIn } from '../stand-in/server';
import { browserLikeFetch } from './browser-like-fetch';

export const FAULT_KINDS = [
  '500',
  '503',
  '429 storm (shared bucket)',
  'timeout',
  'applied, dropped (fresh connection)',
  'applied, dropped (kept-alive: browser re-sends)',
  'lagging search',
  'stand-in restart',
] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export const OPERATION_KINDS = ['send', 'schedule', 'quick-edit send now', 'undo', 'create lead'] as const;
export type OperationKind = (typeof OPERATION_KINDS)[number];

export interface SoakOptions {
  operations: number;
  /** Share of operations that get a fault (kinds taken in turn, so each kind gets its share). */
  faultRate: number;
  concurrency: number;
  /** Deterministic runs: the same seed, the same mix. */
  seed?: number;
  log?: (line: string) => void;
}

type Told = 'ok' | 'unknown' | 'failed';

interface Outcome {
  kind: OperationKind;
  told: Told;
  message?: string;
  check: () => Problem | null;
}

type Problem = 'duplicate' | 'lost' | 'silent';

export interface SoakReport {
  operations: number;
  byKind: Record<OperationKind, { ok: number; unknown: number; failed: number }>;
  faultsInjected: Record<FaultKind, number>;
  requests: number;
  resends: number;
  duplicates: number;
  lost: number;
  silent: number;
  strayDrafts: number;
  problems: string[];
  durationMs: number;
}

const OUT = new Set(['outbox', 'scheduled', 'sent', 'error']);
const SEND_IN_UNIT_MS = 20;
const SEND_DELAY_MS = 40;
const SEARCH_LAG_MS = 1200;

export async function runSoak(options: SoakOptions): Promise<SoakReport> {
  const started = Date.now();
  const log = options.log ?? (() => {});
  const random = mulberry32(options.seed ?? 12);
  const stand = await startStandIn({ sendDelayMs: SEND_DELAY_MS, sendInUnitMs: SEND_IN_UNIT_MS });
  const browser = browserLikeFetch();
  const client = createCloseClient({
    baseUrl: stand.baseUrl,
    getApiKey: async () => stand.apiKey,
    fetch: browser.fetch,
    timeoutMs: 1500,
    // Close's index catches up within this; the stand-in lags by SEARCH_LAG_MS when that fault is on.
    searchLagMs: 4000,
  });
  const injected = Object.fromEntries(FAULT_KINDS.map((kind) => [kind, 0])) as Record<FaultKind, number>;
  let faultTurn = 0;
  let restarting = false;
  let sequence = 0;
  const outcomes: Outcome[] = [];
  const problems: string[] = [];

  const ctx: OpContext = { stand, client, random, unique: () => `${++sequence}-${Math.floor(random() * 1e6)}` };

  async function one(index: number): Promise<void> {
    const fault = random() < options.faultRate ? FAULT_KINDS[faultTurn++ % FAULT_KINDS.length] : undefined;
    // A lagging search matters to Create lead, the one operation that searches.
    const kind =
      fault === 'lagging search'
        ? 'create lead'
        : (OPERATION_KINDS[Math.floor(random() * OPERATION_KINDS.length)] as OperationKind);
    const outcome = await OPERATIONS[kind](ctx, fault ? (plan: FaultPlan) => inject(fault, plan) : () => {});
    outcomes.push(outcome);
    if ((index + 1) % 50 === 0) log(`  ${index + 1} operations done`);
  }

  /** Registers `fault` on the operation's main request; the lagging search and the restart act on their own. */
  function inject(fault: FaultKind, plan: FaultPlan): void {
    const match = { method: plan.method, path: plan.path, label: fault };
    switch (fault) {
      case '500':
      case '503':
        stand.faults.failNext({ ...match, status: Number(fault) });
        break;
      case '429 storm (shared bucket)': {
        // POST and PUT under /activity/ share Close's bucket: the storm hits whichever of them comes next.
        const activity = plan.path.source.includes('activity');
        stand.faults.failNext({
          count: 2 + Math.floor(random() * 3),
          label: fault,
          method: activity ? (random() < 0.5 ? 'POST' : 'PUT') : plan.method,
          path: activity ? /^\/api\/v1\/activity\// : plan.path,
          status: 429,
          body: { error: { message: 'API call count exceeded for this period', rate_reset: 1 } },
          headers: { RateLimit: 'limit=10, remaining=0, reset=1' },
        });
        break;
      }
      case 'timeout':
        stand.faults.hangNext(match);
        break;
      case 'applied, dropped (fresh connection)':
        stand.faults.dropAfterApplyNext({ ...match, connection: 'fresh' });
        browser.freshConnectionNext(plan.method, plan.path);
        break;
      case 'applied, dropped (kept-alive: browser re-sends)':
        stand.faults.dropAfterApplyNext({ ...match, connection: 'kept-alive' });
        break;
      case 'lagging search':
        stand.state.searchLagMs = SEARCH_LAG_MS;
        injected[fault] += 1;
        setTimeout(() => {
          stand.state.searchLagMs = 0;
        }, SEARCH_LAG_MS * 2).unref();
        break;
      case 'stand-in restart': {
        if (restarting) break;
        restarting = true;
        injected[fault] += 1;
        const downMs = 150 + Math.floor(random() * 300);
        setTimeout(
          () => {
            stand
              .restart(downMs)
              .catch((error: unknown) => problems.push(`the stand-in did not restart: ${String(error)}`))
              .finally(() => {
                restarting = false;
              });
          },
          Math.floor(random() * 150),
        );
        break;
      }
    }
  }

  try {
    let next = 0;
    const workers = Array.from({ length: options.concurrency }, async () => {
      while (next < options.operations) await one(next++);
    });
    await Promise.all(workers);
    // Let every undo window, hand-off and late answer play out before judging.
    await sleep(SEND_IN_UNIT_MS * 60 + SEND_DELAY_MS * 4 + 500);
    for (const taken of stand.faults.taken) {
      const label = taken.label as FaultKind | undefined;
      if (label && label in injected && label !== 'lagging search' && label !== 'stand-in restart') {
        injected[label] += 1;
      }
    }
    const byKind = Object.fromEntries(
      OPERATION_KINDS.map((kind) => [kind, { ok: 0, unknown: 0, failed: 0 }]),
    ) as SoakReport['byKind'];
    const counts = { duplicate: 0, lost: 0, silent: 0 };
    for (const outcome of outcomes) {
      byKind[outcome.kind][outcome.told] += 1;
      const problem = outcome.check();
      if (problem) {
        counts[problem] += 1;
        problems.push(
          `${problem}: ${outcome.kind}, told ${outcome.told}${outcome.message ? ` (${outcome.message})` : ''}`,
        );
      }
    }
    // A draft beside a text that went out: what a re-sent create left behind and the sweep did not catch.
    const strayDrafts = stand.state
      .smsList()
      .filter((sms) => sms.status === 'draft' && sms.text.startsWith('Soak ') && outgoing(stand, sms.text) > 0).length;
    return {
      operations: outcomes.length,
      byKind,
      faultsInjected: injected,
      requests: stand.requests.length,
      resends: browser.resends,
      duplicates: counts.duplicate,
      lost: counts.lost,
      silent: counts.silent,
      strayDrafts,
      problems,
      durationMs: Date.now() - started,
    };
  } finally {
    browser.close();
    await stand.close();
  }
}

interface OpContext {
  stand: StandIn;
  client: CloseClient;
  random: () => number;
  unique: () => string;
}

interface FaultPlan {
  method: string;
  path: RegExp;
}

type Inject = (plan: FaultPlan) => void;

const SMS_CREATE = /^\/api\/v1\/activity\/sms\/$/;
const SMS_ONE = /^\/api\/v1\/activity\/sms\/acti_/;

const OPERATIONS: Record<OperationKind, (ctx: OpContext, inject: Inject) => Promise<Outcome>> = {
  send: (ctx, inject) => sendOp(ctx, inject, 'send', { status: 'outbox', send_in: 1 }),
  schedule: (ctx, inject) =>
    sendOp(ctx, inject, 'schedule', {
      status: 'scheduled',
      // Years ahead: far past setTimeout's ceiling.
      date_scheduled: new Date(Date.now() + (1 + ctx.random() * 3) * 365 * 86_400_000).toISOString(),
    }),
  'quick-edit send now': quickEditOp,
  undo: undoOp,
  'create lead': createLeadOp,
};

/** Outgoing copies of `text`: records on their way out plus carrier hand-offs of deleted records. */
function outgoing(stand: StandIn, text: string): number {
  const ids = new Set(
    stand.state
      .smsList()
      .filter((sms) => sms.text === text && OUT.has(sms.status))
      .map((sms) => sms.id),
  );
  for (const handed of stand.carrier) if (handed.text === text) ids.add(handed.id);
  return ids.size;
}

function toldOf(error: unknown): { told: Told; message: string; bug: boolean } {
  if (!(error instanceof CloseApiError)) return { told: 'failed', message: String(error), bug: true };
  return { told: error.outcomeUnknown ? 'unknown' : 'failed', message: error.message, bug: false };
}

function judgeSend(stand: StandIn, text: string, told: Told, bug: boolean): Problem | null {
  const out = outgoing(stand, text);
  if (out > 1) return 'duplicate';
  if (bug) return 'silent';
  if (told === 'ok' && out === 0) return 'lost';
  if (told === 'failed' && out > 0) return 'silent';
  return null;
}

async function sendOp(
  ctx: OpContext,
  inject: Inject,
  kind: OperationKind,
  how: Partial<CreateSmsBody>,
): Promise<Outcome> {
  const text = `Soak ${kind} ${ctx.unique()}`;
  // The draft's POST or the PUT that sends it.
  inject(ctx.random() < 0.5 ? { method: 'POST', path: SMS_CREATE } : { method: 'PUT', path: SMS_ONE });
  try {
    await ctx.client.createSms({ ...SMS_TO_ANA, text, ...how } as CreateSmsBody);
    return { kind, told: 'ok', check: () => judgeSend(ctx.stand, text, 'ok', false) };
  } catch (error) {
    const { told, message, bug } = toldOf(error);
    return { kind, told, message, check: () => judgeSend(ctx.stand, text, told, bug) };
  }
}

async function quickEditOp(ctx: OpContext, inject: Inject): Promise<Outcome> {
  const kind: OperationKind = 'quick-edit send now';
  const text = `Soak [draft] quick edit ${ctx.unique()}`;
  let id: string;
  try {
    id = (await ctx.client.createSms({ ...SMS_TO_ANA, status: 'draft', text })).id;
  } catch (error) {
    const { told, message, bug } = toldOf(error);
    // The rep never got as far as the edit; only a duplicate or a bug counts here.
    return { kind, told, message, check: () => (outgoing(ctx.stand, text) > 0 || bug ? 'silent' : null) };
  }
  inject({ method: ctx.random() < 0.7 ? 'PUT' : 'GET', path: SMS_ONE });
  try {
    const outcome = await editQueued(
      { get: ctx.client.getSms, update: ctx.client.updateSms, remove: ctx.client.deleteSms },
      id,
      { status: 'draft', text, dateScheduled: null },
      { kind: 'send-now' },
    );
    const unknown = /before sending again/.test(outcome.message);
    const told: Told = outcome.ok ? 'ok' : unknown ? 'unknown' : 'failed';
    return {
      kind,
      told,
      message: outcome.message,
      check: () => {
        const out = outgoing(ctx.stand, text);
        if (out > 1) return 'duplicate';
        if (told === 'ok' && out === 0) return 'lost';
        if (told === 'failed' && out > 0) return 'silent';
        return null;
      },
    };
  } catch (error) {
    return { kind, told: 'failed', message: String(error), check: () => 'silent' };
  }
}

async function undoOp(ctx: OpContext, inject: Inject): Promise<Outcome> {
  const kind: OperationKind = 'undo';
  const text = `Soak undo ${ctx.unique()}`;
  let id: string;
  try {
    // A long undo window (50 × 20 ms), so the Undo lands inside it even after a fault.
    id = (await ctx.client.createSms({ ...SMS_TO_ANA, text, status: 'outbox', send_in: 50 })).id;
  } catch (error) {
    const { told, message, bug } = toldOf(error);
    return { kind, told, message, check: () => judgeSend(ctx.stand, text, told, bug) };
  }
  inject({ method: 'PUT', path: SMS_ONE });
  try {
    const sms = await ctx.client.updateSms(id, { status: 'draft' });
    const undone = sms.status === 'draft';
    return {
      kind,
      told: undone ? 'ok' : 'failed',
      check: () => {
        const out = outgoing(ctx.stand, text);
        if (out > 1) return 'duplicate';
        // Told "undone" but it went out anyway, or the record is not the draft the rep was promised.
        if (undone && (out > 0 || ctx.stand.state.sms.get(id)?.status !== 'draft')) return 'silent';
        return null;
      },
    };
  } catch (error) {
    const { told, message, bug } = toldOf(error);
    // Told "could not undo": the text may go out; that is what the rep was told. Only duplicates count.
    return { kind, told, message, check: () => (outgoing(ctx.stand, text) > 1 ? 'duplicate' : bug ? 'silent' : null) };
  }
}

async function createLeadOp(ctx: OpContext, inject: Inject): Promise<Outcome> {
  const kind: OperationKind = 'create lead';
  const n = ctx.unique().replace(/\D/g, '').padStart(4, '0').slice(-4);
  const phone = `+1415666${n}`;
  const name = `Soak lead ${ctx.unique()}`;
  const leads = () => new Set(ctx.stand.state.contactPhones(phone).map(({ contact }) => contact.lead_id)).size;
  if (ctx.stand.state.contactPhones(phone).length > 0) {
    // Phone numbers are drawn from 10 000; a repeat is a retry of the same number, which must find that lead.
    try {
      await ctx.client.createLead({ phone, name });
      return { kind, told: 'ok', check: () => (leads() > 1 ? 'duplicate' : null) };
    } catch (error) {
      const { told, message, bug } = toldOf(error);
      return { kind, told, message, check: () => (leads() > 1 ? 'duplicate' : bug ? 'silent' : null) };
    }
  }
  inject({ method: 'POST', path: ctx.random() < 0.7 ? /^\/api\/v1\/lead\/$/ : /^\/api\/v1\/data\/search\/$/ });
  try {
    await ctx.client.createLead({ phone, name });
    return { kind, told: 'ok', check: () => (leads() > 1 ? 'duplicate' : leads() === 0 ? 'lost' : null) };
  } catch (error) {
    const { told, message, bug } = toldOf(error);
    return {
      kind,
      told,
      message,
      check: () => {
        if (leads() > 1) return 'duplicate';
        if (bug || (told === 'failed' && leads() > 0)) return 'silent';
        return null;
      },
    };
  }
}

/** The table `npm run soak` prints. */
export function formatReport(report: SoakReport): string {
  const rows: [string, string][] = [
    ['operations', String(report.operations)],
    ...OPERATION_KINDS.map((kind): [string, string] => {
      const k = report.byKind[kind];
      return [
        `  ${kind}`,
        `${k.ok + k.unknown + k.failed} (ok ${k.ok}, told unknown ${k.unknown}, told failed ${k.failed})`,
      ];
    }),
    ['requests to the stand-in', String(report.requests)],
    ['re-sent by the emulated browser', String(report.resends)],
    ['faults injected', String(Object.values(report.faultsInjected).reduce((a, b) => a + b, 0))],
    ...FAULT_KINDS.map((kind): [string, string] => [`  ${kind}`, String(report.faultsInjected[kind])]),
    ['duplicates', String(report.duplicates)],
    ['lost', String(report.lost)],
    ['silent failures', String(report.silent)],
    ['stray drafts left (harmless)', String(report.strayDrafts)],
    ['duration', `${(report.durationMs / 1000).toFixed(1)} s`],
  ];
  const width = Math.max(...rows.map(([label]) => label.length));
  return rows.map(([label, value]) => `${label.padEnd(width)}  ${value}`).join('\n');
}

export function soakFailed(report: SoakReport): boolean {
  return report.duplicates + report.lost + report.silent > 0;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** A small seeded PRNG, so a failing mix can be replayed. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
