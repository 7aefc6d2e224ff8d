/**
 * Every message between the extension's parts, in one place. The background answers all of them; it is the
 * only part that holds the API key or talks to Close. Every answer is a `Result` whose error carries a
 * message a rep can read, so nothing depends on how the messaging layer serialises exceptions.
 * Who may send each message, and how its payload is checked, is decided in lib/background/message-gate.ts.
 * Only types are imported here: the content script's bundle must not pull in zod or UI code.
 */
import { defineExtensionMessaging } from '@webext-core/messaging';
import type { CloseErrorKind } from './close/errors';
import type { Ack, ComplianceFacts } from './compliance/compliance-check';
import type { RecipientZone } from './compliance/recipient-zone';
import type { ChosenRecipient, ContactOption, SenderChoice } from './compose/compose-context';
import type { PhoneAnswer } from './detect/number-batch';
import type { PageFindings } from './page-findings';
import type { Settings } from './settings/settings';
import type { QueueEdit, SeenVersion } from './sms/edit-queued';
import type { ComplianceOverride } from './storage';

/**
 * What went wrong: a Close failure, a message the background refused (wrong sender, bad payload), a rule
 * of the send gate, the background not answering, or a bug of ours.
 */
export type ErrorKind = CloseErrorKind | 'refused' | 'not-allowed' | 'unavailable' | 'internal';

export interface ErrorInfo {
  kind: ErrorKind;
  message: string;
  /** The outcome of a send is unknown: the rep should look in Close before sending again. */
  outcomeUnknown?: boolean;
  /**
   * A compliance finding the rep may acknowledge (lib/compliance/compliance-check.ts): the same request with
   * `ack` added to `acknowledged` goes ahead, and is logged.
   */
  confirm?: { ack: Ack; label: string };
  /** Outside quiet hours: the first allowed instant (ISO), offered as "Schedule for 8:00 their time". */
  nextAllowed?: string | null;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ErrorInfo };

export interface AccountUser {
  id: string;
  name: string;
  email: string;
  organization: string;
}

export interface AccountStatus {
  hasKey: boolean;
  user: AccountUser | null;
}

/** Who the popup should compose for: a number, a Close lead, or both. */
export interface ComposeTarget {
  to?: string;
  lead?: string;
}

/** How the popup was asked to open: a target, other numbers to offer, or a notice to show instead. */
export interface ComposeRequest extends ComposeTarget {
  others?: string[];
  notice?: string;
}

export interface TemplateOption {
  id: string;
  name: string;
  text: string;
}

export interface ComposeContext {
  user: AccountUser;
  /** E.164 of the number being texted, when known. */
  to: string | null;
  country: string | null;
  lead: { id: string; name: string | null } | null;
  contacts: ContactOption[];
  recipient: ChosenRecipient;
  senders: SenderChoice;
  templates: TemplateOption[];
  defaultCountry: string;
  /** What the compliance gate will check, for the chosen recipient; null when there is no number to text. */
  compliance: ComposeCompliance | null;
}

export interface ComposeCompliance {
  facts: ComplianceFacts;
  /** The recipient's zone per contact id ('' for no contact): the rep may switch contacts in the composer. */
  zones: Record<string, RecipientZone>;
  /** The first-text footer, rendered for this rep; null when off in options or when this is not a first text. */
  footer: string | null;
}

export type SmsStatus = 'draft' | 'scheduled' | 'outbox' | 'sent' | 'error' | 'inbox' | string;

export interface SmsSummary {
  id: string;
  status: SmsStatus;
  direction: string | null;
  text: string;
  remotePhone: string | null;
  localPhone: string | null;
  leadId: string | null;
  contactId: string | null;
  dateCreated: string | null;
  dateScheduled: string | null;
  dateSent: string | null;
  errorMessage: string | null;
}

/** A row of the "Drafts & scheduled" list. */
export interface QueueRow extends SmsSummary {
  leadName: string | null;
  contactName: string | null;
  /** The recipient's time zone as Close knows it (null when not found), to show both times on reschedule. */
  zone: RecipientZone | null;
  /** Set when a "cancel if they reply" follow-up went back to draft because this person replied. */
  heldBy?: string | null;
}

/** A reply that was unread until the rep opened its conversation. */
export interface ThreadReply {
  id: string;
  text: string;
  dateCreated: string;
}

/** Who a number on the page is in Close: null when no contact has it. */
export interface PageOwner {
  contactName: string | null;
  leadId: string | null;
  leadName: string | null;
}

export interface PageOwners {
  /** Absent: not looked up (over the per-page cap, or Close did not answer). */
  numbers: Record<string, PageOwner | null>;
  /** Lead ids → display name; absent when it could not be looked up (not found, or over the cap). */
  leads: Record<string, string>;
}

export interface SendRequest {
  mode: 'send' | 'schedule' | 'draft';
  to: string;
  from: string;
  leadId: string | null;
  contactId: string | null;
  text: string;
  templateId: string | null;
  /** ISO with offset, for mode 'schedule'. */
  dateScheduled?: string;
  /** Compliance findings the rep acknowledged for this send (logged when they were needed). */
  acknowledged?: Ack[];
  /** For mode 'schedule': a reply from the recipient before then puts the text back to draft. */
  cancelIfReply?: boolean;
}

export interface ProtocolMap {
  // ── From content scripts (any web page; see message-gate.ts) ──
  /**
   * The phone numbers in these texts (flat, see PhoneAnswer), read with the rep's default country (lib/background/
   * number-reader.ts): the frame's detector never loads libphonenumber's metadata itself.
   */
  findNumbers(texts: string[]): Result<PhoneAnswer>;
  /** What this frame shows right now (replaces the frame's previous report; an empty report forgets it). */
  reportFindings(findings: PageFindings): Result<null>;
  /** Hover button: open compose for a number or lead the page showed. Only `to`/`lead` are taken. */
  openCompose(target: ComposeTarget): Result<null>;
  /**
   * The always-on prefilter (prefilter.js) saw a candidate in this frame: inject the full detector
   * (content-scripts/detector.js) into the sender's own frame. See findings-store.ts.
   */
  loadDetector(): Result<null>;
  /**
   * The top frame's prefilter saw frames (or one of them changed): probe every frame of the sender's tab
   * in its own page world and give the prefilter to those that could hold a number. See frame-probe.ts.
   */
  checkFrames(): Result<null>;

  // ── From the extension's own pages only ──
  getAccountStatus(): Result<AccountStatus>;
  /** Checks the key with Close (GET /me/) before keeping it. */
  saveApiKey(key: string): Result<AccountStatus>;
  signOut(): Result<null>;
  getSettings(): Result<Settings>;
  /** Options page → background, the only writer of settings; the detector is re-registered. */
  updateSettings(patch: Partial<Settings>): Result<Settings>;
  getTabFindings(tabId: number): Result<PageFindings | null>;
  /** Scans a tab once (the "on click" mode, through activeTab) and returns what it found. */
  scanTab(tabId: number): Result<ScanOutcome>;
  getComposeContext(target: ComposeTarget): Result<ComposeContext>;
  getConversation(leadId: string): Result<{ leadName: string | null; messages: SmsSummary[] }>;
  createLead(input: {
    phone: string;
    name?: string;
  }): Result<{ lead: { id: string; name: string }; contact: ContactOption | null }>;
  sendText(request: SendRequest): Result<SmsSummary>;
  /** Sets a text in its undo window (or a scheduled one) back to draft. */
  cancelSend(id: string): Result<SmsSummary>;
  getSms(id: string): Result<SmsSummary>;
  /** The cached list (null before the first load), answered without calling Close. */
  getQueue(): Result<QueueRow[] | null>;
  refreshQueue(): Result<QueueRow[]>;
  /** One quick edit; `row` is the text as Close now has it (null when gone or no longer queued). */
  editQueued(input: { id: string; seen: SeenVersion; edit: QueueEdit; acknowledged?: Ack[] }): Result<{
    ok: boolean;
    message: string;
    row: QueueRow | null;
    /** A compliance finding stopped it: the same edit with this acknowledgement goes ahead. */
    confirm?: { ack: Ack; label: string };
  }>;
  /** Adds a number to the organization's blocked numbers in Close (after a reply that reads like an opt-out). */
  blockNumber(input: { phone: string; reason: string }): Result<null>;
  /** Sends that went ahead after an acknowledged compliance finding, newest first. */
  getComplianceLog(): Result<ComplianceOverride[]>;
  /**
   * The rep has this conversation in front of them (a lead's thread, or a number without a lead): its
   * unread replies become read; they are returned so the view can mark them "new" this once.
   */
  markThreadRead(target: ComposeTarget): Result<ThreadReply[]>;
  /** Who's who for the page picker: batched, cached lookups of the numbers and lead ids a page shows. */
  lookupPageOwners(input: { numbers: string[]; leadIds: string[] }): Result<PageOwners>;
  /** The rep has seen this failed text: it no longer counts on the badge. */
  dismissFailure(id: string): Result<null>;
  /**
   * The unsent text for a compose target, on every keystroke (empty text and no template forgets it).
   * Written by the background, which outlives the popup: a write from a closing page could be lost.
   */
  saveComposeDraft(draft: { key: string; text: string; templateId: string | null }): Result<null>;
  /** What the message gate refused since the worker started, by reason (diagnostics and tests). */
  getGateStats(): Result<Record<string, number>>;
}

/** The "on click" scan: what was found, or why the page was not read. */
export type ScanOutcome = { read: true; findings: PageFindings } | { read: false; reason: string };

export const { sendMessage } = defineExtensionMessaging<ProtocolMap>();

export const BACKGROUND_UNAVAILABLE: ErrorInfo = {
  kind: 'unavailable',
  message: 'The extension’s background did not answer. Try again in a moment.',
};

/** Requests that change something in Close: if the worker dies before answering, it may have happened. */
const CHANGES_CLOSE: ReadonlySet<keyof ProtocolMap> = new Set([
  'sendText',
  'editQueued',
  'cancelSend',
  'createLead',
  'blockNumber',
]);

/** The port an extension page holds open while such a request is in flight (see message-gate.ts). */
export const IN_FLIGHT_PORT = 'in-flight';

export const WORKER_LOST: ErrorInfo = {
  kind: 'unavailable',
  outcomeUnknown: true,
  message: 'The extension restarted before Close answered, so this may or may not have gone through.',
};

/**
 * Asks the background, for the extension's pages: always a Result, never a rejection, so no view is left
 * on "Loading…" because the worker was restarting or the browser dropped the message. For a request that
 * changes Close, a port held open meanwhile tells at once if the worker died mid-request (the message
 * itself would then never be answered): the rep is told it may have gone through, never that it failed.
 */
export async function ask<K extends keyof ProtocolMap>(
  type: K,
  ...args: Parameters<ProtocolMap[K]>
): Promise<ReturnType<ProtocolMap[K]>> {
  let port: ReturnType<typeof browser.runtime.connect> | null = null;
  const lost = CHANGES_CLOSE.has(type)
    ? new Promise<'lost'>((resolve) => {
        try {
          const p = browser.runtime.connect({ name: IN_FLIGHT_PORT });
          port = p;
          // Only a worker that said it holds the port can be lost: a connect that found no worker yet (it
          // was asleep and is starting for the message) closes at once and means nothing.
          let held = false;
          p.onMessage.addListener(() => {
            held = true;
          });
          p.onDisconnect.addListener(() => held && resolve('lost'));
        } catch {
          // No port to be had: wait for the answer alone.
        }
      })
    : null;
  try {
    const sent = sendMessage(type, args[0] as never);
    const answer = await (lost ? Promise.race([sent, lost]) : sent);
    if (answer === 'lost') return { ok: false, error: WORKER_LOST } as ReturnType<ProtocolMap[K]>;
    if (answer && typeof answer === 'object' && 'ok' in answer) return answer as ReturnType<ProtocolMap[K]>;
  } catch {
    // Falls through: the worker did not answer.
  } finally {
    (port as ReturnType<typeof browser.runtime.connect> | null)?.disconnect();
  }
  return {
    ok: false,
    error: CHANGES_CLOSE.has(type) ? WORKER_LOST : BACKGROUND_UNAVAILABLE,
  } as ReturnType<ProtocolMap[K]>;
}
