/**
 * Every message between the extension's parts, in one place. The background answers all of them; it is the
 * only part that holds the API key or talks to Close. Handlers return plain data (errors travel as
 * `Result` values with a message a rep can read), so nothing depends on how the messaging layer serialises
 * exceptions.
 */
import { defineExtensionMessaging } from '@webext-core/messaging';
import type { PageFindings } from './page-findings';

export type Result<T> = { ok: true; value: T } | { ok: false; error: { kind: string; message: string } };

export interface AccountStatus {
  hasKey: boolean;
  user: { name: string; email: string; organization: string } | null;
}

/** Who the popup should compose for: a number, a Close lead, or both. */
export interface ComposeTarget {
  to?: string;
  lead?: string;
}

export interface ProtocolMap {
  getAccountStatus(): AccountStatus;
  /** Content script → background: how to read numbers (it never reads extension storage itself). */
  getDetectorConfig(): { defaultCountry: string };
  /** Content script → background: what this frame shows right now (replaces the frame's previous report). */
  reportFindings(findings: PageFindings): void;
  getTabFindings(tabId: number): PageFindings | null;
  /** Hover button → background: open compose for this target. */
  openCompose(target: ComposeTarget): void;
}

export const { sendMessage, onMessage } = defineExtensionMessaging<ProtocolMap>();
