/**
 * Every message between the extension's parts, in one place. The background answers all of them; it is the
 * only part that holds the API key or talks to Close. Handlers that can fail return a `Result` whose error
 * carries a message a rep can read, so nothing depends on how the messaging layer serialises exceptions.
 * Only types are imported here: the content script's bundle must not pull in zod or UI code.
 */
import { defineExtensionMessaging } from '@webext-core/messaging';
import type { ChosenRecipient, ContactOption, SenderChoice } from './compose/compose-context';
import type { PageFindings } from './page-findings';
import type { Settings } from './settings/settings';
import type { QueueEdit, SeenVersion } from './sms/edit-queued';

export interface ErrorInfo {
  kind: string;
  message: string;
  /** The outcome of a send is unknown: the rep should look in Close before sending again. */
  outcomeUnknown?: boolean;
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
}

export interface ProtocolMap {
  getAccountStatus(): AccountStatus;
  /** Checks the key with Close (GET /me/) before keeping it. */
  saveApiKey(key: string): Result<AccountStatus>;
  signOut(): void;
  getSettings(): Settings;
  /** Options page → background: the background requests nothing itself, it re-registers the detector. */
  updateSettings(patch: Partial<Settings>): Settings;

  /** Content script → background: how to read numbers (it never reads extension storage itself). */
  getDetectorConfig(): { defaultCountry: string };
  /**
   * Always-on content script → background (issue #13): this frame has candidates, inject the full
   * detector (content-scripts/detector.js) into it. See lib/background/detector-loader.ts.
   */
  loadDetector(): void;
  /** Content script → background: what this frame shows right now (replaces the frame's previous report). */
  reportFindings(findings: PageFindings): void;
  getTabFindings(tabId: number): PageFindings | null;
  /** Scans a tab once (the "on click" mode, through activeTab) and returns what it found. */
  scanTab(tabId: number): Result<PageFindings | null>;
  /** Hover button → background: open compose for this target. */
  openCompose(target: ComposeTarget): void;

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
  getQueue(): QueueRow[] | null;
  refreshQueue(): Result<QueueRow[]>;
  /** One quick edit; `row` is the text as Close now has it (null when gone or no longer queued). */
  editQueued(input: { id: string; seen: SeenVersion; edit: QueueEdit }): Result<{
    ok: boolean;
    message: string;
    row: QueueRow | null;
  }>;

  /** The rep has seen this failed text: it no longer counts on the badge. */
  dismissFailure(id: string): void;
}

export const { sendMessage, onMessage } = defineExtensionMessaging<ProtocolMap>();
