/**
 * The one door into the background. Every message type is listed here with who may send it and the shape
 * of its payload; anything else is refused with a clear error and counted.
 *
 * Content scripts run on any web page and must be treated as written by an attacker (a compromised
 * renderer can send whatever it likes under our extension id). So they may only report what they found,
 * ask for their detector config, and ask to open compose for a number or lead they found. Everything that
 * reads CRM data, texts anyone or changes the account is answered only for the extension's own pages:
 * `sender.id` is ours and `sender.url` is on our origin. (Our fallback compose window has a tab, so "has
 * no tab" would not tell a page from a content script.) Web pages and other extensions cannot reach
 * runtime.onMessage at all: we declare no `externally_connectable` and listen to no external messages.
 */
import { z } from 'zod/mini';
import { isCloseApiError } from '../close/errors';
import { ACKS } from '../compliance/compliance-check';
import { type ErrorInfo, IN_FLIGHT_PORT, type ProtocolMap, type Result } from '../protocol';
import { clearCaches } from '../storage';

export type SenderClass = 'content-script' | 'extension-page';

/** The parts of `runtime.MessageSender` the gate reads. The messaging layer sets it from the browser's. */
export interface MessageSender {
  id?: string;
  url?: string;
  origin?: string;
  frameId?: number;
  /** Chrome's id of the sender's document (a new one per page load). */
  documentId?: string;
  tab?: { id?: number; windowId?: number; url?: string };
}

type Input<K extends keyof ProtocolMap> = Parameters<ProtocolMap[K]>[0];
type Value<K extends keyof ProtocolMap> = Extract<ReturnType<ProtocolMap[K]>, { ok: true }>['value'];

export type Handler<K extends keyof ProtocolMap> = (
  data: Input<K>,
  sender: MessageSender & { class: SenderClass },
) => Promise<Value<K>>;

/** One handler per message type: the type system refuses a missing one, the architecture test a duplicate. */
export type Handlers = { [K in keyof ProtocolMap]: Handler<K> };

interface Rule {
  /** The least trusted sender allowed: content scripts, or the extension's own pages only. */
  from: SenderClass;
  input: z.ZodMiniType;
}

export const E164 = z.string().check(z.regex(/^\+[1-9]\d{5,14}$/));
/** As lib/detect/find-lead-ids.ts finds them: `lead_` and 20–60 base62 characters. */
export const LEAD_ID = z.string().check(z.regex(/^lead_[A-Za-z0-9]{20,60}$/));
/** `acti_…`, `cont_…`, `smstmpl_…`: a lowercase type prefix and a base62 body, as lib/close/ids.ts checks. */
const CLOSE_ID = z.string().check(z.regex(/^[a-z]{2,12}_[A-Za-z0-9]{1,64}$/));
/** What a rep typed or pasted as a number: checked properly by normalizeNumber, only bounded here. */
const TYPED_NUMBER = z.string().check(z.maxLength(64));
const TEXT = z.string().check(z.maxLength(5000));
const TAB_ID = z.number().check(z.int(), z.nonnegative());
const NONE = z.optional(z.null());

const ACKNOWLEDGED = z.array(z.enum(ACKS)).check(z.maxLength(ACKS.length));

const target = (to: z.ZodMiniType) => z.object({ to: z.optional(to), lead: z.optional(LEAD_ID) });

export const MESSAGE_RULES = {
  // Content scripts (and our pages). `z.object` drops unknown keys: a page-supplied `notice` never passes.
  findNumbers: { from: 'content-script', input: z.unknown() }, // bounded in number-reader.ts (checkBatch)
  reportFindings: { from: 'content-script', input: z.unknown() }, // bounded in findings-bounds.ts
  openCompose: { from: 'content-script', input: target(E164) },
  loadDetector: { from: 'content-script', input: NONE },
  checkFrames: { from: 'content-script', input: NONE },

  // The extension's own pages only.
  getAccountStatus: { from: 'extension-page', input: NONE },
  saveApiKey: { from: 'extension-page', input: z.string().check(z.maxLength(500)) },
  signOut: { from: 'extension-page', input: NONE },
  getSettings: { from: 'extension-page', input: NONE },
  updateSettings: { from: 'extension-page', input: z.record(z.string(), z.unknown()) }, // repaired by normalizeSettings
  getTabFindings: { from: 'extension-page', input: TAB_ID },
  scanTab: { from: 'extension-page', input: TAB_ID },
  getComposeContext: { from: 'extension-page', input: target(TYPED_NUMBER) },
  getConversation: { from: 'extension-page', input: LEAD_ID },
  createLead: {
    from: 'extension-page',
    input: z.object({ phone: TYPED_NUMBER, name: z.optional(z.string().check(z.maxLength(200))) }),
  },
  sendText: {
    from: 'extension-page',
    input: z.object({
      mode: z.enum(['send', 'schedule', 'draft']),
      to: E164,
      from: E164,
      leadId: z.nullable(LEAD_ID),
      contactId: z.nullable(CLOSE_ID),
      text: TEXT,
      templateId: z.nullable(CLOSE_ID),
      dateScheduled: z.optional(z.string().check(z.maxLength(40))),
      acknowledged: z.optional(ACKNOWLEDGED),
      cancelIfReply: z.optional(z.boolean()),
    }),
  },
  cancelSend: { from: 'extension-page', input: CLOSE_ID },
  getSms: { from: 'extension-page', input: CLOSE_ID },
  getQueue: { from: 'extension-page', input: NONE },
  refreshQueue: { from: 'extension-page', input: NONE },
  editQueued: {
    from: 'extension-page',
    input: z.object({
      id: CLOSE_ID,
      seen: z.object({ status: z.string(), text: TEXT, dateScheduled: z.nullable(z.string()) }),
      edit: z.discriminatedUnion('kind', [
        z.object({ kind: z.literal('text'), text: TEXT }),
        z.object({ kind: z.literal('reschedule'), dateScheduled: z.string().check(z.maxLength(40)) }),
        z.object({ kind: z.literal('send-now') }),
        z.object({ kind: z.literal('cancel') }),
        z.object({ kind: z.literal('delete') }),
      ]),
      acknowledged: z.optional(ACKNOWLEDGED),
    }),
  },
  dismissFailure: { from: 'extension-page', input: CLOSE_ID },
  blockNumber: {
    from: 'extension-page',
    input: z.object({ phone: E164, reason: z.string().check(z.minLength(1), z.maxLength(500)) }),
  },
  getComplianceLog: { from: 'extension-page', input: NONE },
  markThreadRead: { from: 'extension-page', input: target(E164) },
  lookupPageOwners: {
    from: 'extension-page',
    // As many as a tab's findings may hold (findings-bounds.ts LIMITS); the handler caps what it looks up.
    input: z.object({
      numbers: z.array(E164).check(z.maxLength(1000)),
      leadIds: z.array(LEAD_ID).check(z.maxLength(200)),
    }),
  },
  saveComposeDraft: {
    from: 'extension-page',
    input: z.object({
      key: z.string().check(z.maxLength(100)),
      text: TEXT,
      templateId: z.nullable(CLOSE_ID),
    }),
  },
  getGateStats: { from: 'extension-page', input: NONE },
} as const satisfies { [K in keyof ProtocolMap]: Rule };

export type MessageType = keyof ProtocolMap;
const TYPES = new Set<string>(Object.keys(MESSAGE_RULES));
export const isMessageType = (type: unknown): type is MessageType => typeof type === 'string' && TYPES.has(type);
// (A Set, not `type in MESSAGE_RULES`: `__proto__` and `toString` are not messages.)

/** Refusals since the worker started, by reason. In memory: a restart starting from zero is fine. */
const refusals: Record<string, number> = {};
export const gateStats = (): Record<string, number> => ({ ...refusals });

function refuse(reason: string, message: string): Result<never> {
  refusals[reason] = (refusals[reason] ?? 0) + 1;
  return { ok: false, error: { kind: 'refused', message } };
}

/** Who is asking: one of our pages, one of our content scripts, or someone else (null). */
export function classifySender(sender: MessageSender, ownId: string, ownOrigin: string): SenderClass | null {
  if (sender.id !== ownId) return null;
  if (typeof sender.url === 'string' && sender.url.startsWith(ownOrigin)) {
    // Chrome also gives the origin: both must agree, so a page URL that merely contains ours fails.
    if (sender.origin !== undefined && `${sender.origin}/` !== ownOrigin) return null;
    return 'extension-page';
  }
  return sender.tab?.id != null ? 'content-script' : null;
}

export interface GateEnv {
  ownId: string;
  /** `runtime.getURL('/')`: `chrome-extension://<id>/` or `moz-extension://<uuid>/`. */
  ownOrigin: string;
}

/** Checks and runs one message. Never throws: every outcome is a Result the sender can show. */
export async function handleMessage(
  handlers: Handlers,
  env: GateEnv,
  type: unknown,
  data: unknown,
  sender: MessageSender,
): Promise<Result<unknown>> {
  if (!isMessageType(type)) return refuse('unknown-type', 'The extension does not know this request.');
  const rule: Rule = MESSAGE_RULES[type];
  const who = classifySender(sender, env.ownId, env.ownOrigin);
  if (who === null) return refuse('unknown-sender', 'This request did not come from the extension.');
  if (rule.from === 'extension-page' && who !== 'extension-page') {
    return refuse(`forbidden:${type}`, 'Web pages cannot make this request; open the extension to do it.');
  }
  const parsed = z.safeParse(rule.input, data);
  if (!parsed.success) return refuse(`malformed:${type}`, 'The extension received a malformed request.');
  const handler = handlers[type] as Handler<MessageType>;
  return asResult(() => handler(parsed.data as never, { ...sender, class: who }));
}

/** Runs a background operation and turns any failure into a message the rep can read. */
export async function asResult<T>(run: () => Promise<T>): Promise<Result<T>> {
  try {
    return { ok: true, value: await run() };
  } catch (e) {
    if (isCloseApiError(e) && e.kind === 'unauthorized') await clearCaches().catch(() => {});
    return { ok: false, error: toErrorInfo(e) };
  }
}

/** Raised by a handler for a request that breaks a rule (the send gate, a rate limit): shown as-is. */
export class NotAllowedError extends Error {
  override readonly name = 'NotAllowedError';
  constructor(
    message: string,
    readonly extra: Pick<ErrorInfo, 'confirm' | 'nextAllowed'> = {},
  ) {
    super(message);
  }
}

export function toErrorInfo(e: unknown): ErrorInfo {
  if (isCloseApiError(e)) {
    return { kind: e.kind, message: e.message, ...(e.outcomeUnknown ? { outcomeUnknown: true } : {}) };
  }
  if (e instanceof NotAllowedError) return { kind: 'not-allowed', message: e.message, ...e.extra };
  console.error('[close-sms] unexpected error', e);
  return {
    kind: 'internal',
    message: `Something went wrong in the extension: ${e instanceof Error ? e.message : String(e)}`,
  };
}

/**
 * The background's only message listener. It reads @webext-core/messaging's envelope (`{ type, data,
 * timestamp }`, answered as `{ res }`) itself rather than registering the library's per-type listeners:
 * the library looks a type up on a plain object, so `__proto__` or `constructor` reach Object.prototype,
 * and types it doesn't know go unanswered. Here every message, well-formed or not, gets one answer.
 */
export function setupMessageGate(handlers: Handlers): void {
  const env = (): GateEnv => ({ ownId: browser.runtime.id, ownOrigin: browser.runtime.getURL('/') });
  browser.runtime.onMessage.addListener((message: unknown, sender: MessageSender) => {
    const m = message as { type?: unknown; data?: unknown; timestamp?: unknown } | null;
    const envelope = typeof m === 'object' && m !== null && typeof m.timestamp === 'number';
    return handleMessage(handlers, env(), envelope ? m.type : undefined, envelope ? m.data : null, sender).then(
      (res) => ({ res }),
    );
  });
  // Our pages hold a port open while a request that changes Close is in flight: it closes if this worker
  // dies, which is how the page learns the answer will never come. Nobody else may hold one.
  browser.runtime.onConnect.addListener((port) => {
    const who = classifySender(port.sender ?? {}, browser.runtime.id, browser.runtime.getURL('/'));
    if (port.name !== IN_FLIGHT_PORT || who !== 'extension-page') port.disconnect();
    else port.postMessage('held');
  });
}
