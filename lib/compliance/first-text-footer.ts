/**
 * The first-text footer: 10DLC guidance (Close's included) asks a sender to say who they are and how to stop
 * in the first message to a contact. The composer offers it only when Close shows no outbound text to the
 * contact yet, adds it once (never twice, also when the rep typed their own "Reply STOP"), and shows what it
 * does to the segment count, because a footer can tip a text into a second segment.
 *
 * The default template uses a plain hyphen, not an em dash: an em dash is not GSM-7 and would switch every
 * first text to UCS-2 (70 characters a segment instead of 160).
 */
import type { SmsActivity } from '../close/schemas';
import { measureSms, type SmsLength } from '../sms/segments';

export const DEFAULT_FOOTER_TEMPLATE = '- {{rep}}, {{org}}. Reply STOP to opt out';

const PLACEHOLDER = /\{\{\s*([a-z]+)\s*\}\}/gi;
const KNOWN = new Set(['rep', 'org']);
/** An opt-out instruction already in the text: adding ours would say it twice. */
const HAS_OPT_OUT_INSTRUCTION = /\b(?:reply|text|send)\s+["'“”‘’]?stop\b/i;

export interface FooterValues {
  /** The rep's name as the recipient should read it, e.g. "Maya". */
  rep: string;
  /** The organization's name, e.g. "Northwind Solar". */
  org: string;
}

/** What is wrong with a template typed in the options page; empty when it is fine. */
export function footerTemplateProblems(template: string): string[] {
  const problems: string[] = [];
  if (template.trim() === '') problems.push('The footer is empty.');
  for (const [, name = ''] of template.matchAll(PLACEHOLDER)) {
    if (!KNOWN.has(name.toLowerCase())) problems.push(`{{${name}}} is not a placeholder; use {{rep}} or {{org}}.`);
  }
  if (template.trim() !== '' && !HAS_OPT_OUT_INSTRUCTION.test(template)) {
    problems.push('Say how to opt out, e.g. "Reply STOP to opt out".');
  }
  if (measureSms(template).encoding === 'UCS-2') {
    problems.push('This footer is not plain GSM-7 text: every first text with it will cost more than twice as much.');
  }
  return problems;
}

/** The footer for this rep: placeholders filled, and tidy when a value is missing ("- Maya. Reply STOP…"). */
export function renderFooter(template: string, values: FooterValues): string {
  return template
    .replace(PLACEHOLDER, (whole, name: string) => {
      const key = name.toLowerCase();
      return key === 'rep' || key === 'org' ? values[key].trim() : whole;
    })
    .replace(/(?:\s*,)+\s*(?=[.!?]|$)/g, '') // "Maya, ." → "Maya."
    .replace(/([-–—])\s*,\s*/g, '$1 ') // "- , Northwind" → "- Northwind"
    .replace(/^\s*[-–—]\s*(?=[.!?])/, '') // "- . Reply STOP" → ". Reply STOP"
    .replace(/^\s*[.!?]\s*/, '') // → "Reply STOP"
    .replace(/[ \t]{2,}/g, ' ')
    .trim();
}

export interface WithFooter {
  text: string;
  /** False when the text already carried the footer or its own opt-out instruction. */
  added: boolean;
  before: SmsLength;
  after: SmsLength;
}

/** The text with the footer on its own line at the end, once; and the segment count before and after. */
export function addFooter(text: string, footer: string): WithFooter {
  const before = measureSms(text);
  const already = squash(text).includes(squash(footer)) || HAS_OPT_OUT_INSTRUCTION.test(text);
  if (already || footer.trim() === '') return { text, added: false, before, after: before };
  const body = text.trimEnd();
  const withFooter = body === '' ? footer : `${body}\n${footer}`;
  return { text: withFooter, added: true, before, after: measureSms(withFooter) };
}

/** The text without a footer `addFooter` put there, for when the rep unticks it. */
export function removeFooter(text: string, footer: string): string {
  const body = text.trimEnd();
  if (body === footer) return '';
  return body.endsWith(`\n${footer}`) ? body.slice(0, -(footer.length + 1)) : text;
}

/** Statuses of a text that reached, or will reach, the recipient; a draft or a failed send did not. */
const REACHES_RECIPIENT = new Set(['scheduled', 'outbox', 'sent']);

/**
 * True when Close holds no outbound text to this contact that reached, or will reach, them. Scheduled ones
 * count (they arrive first); an activity without `direction` counts by its status, since only outbound texts
 * are scheduled, queued or sent. Pass the contact's SMS activities.
 */
export function isFirstText(activities: readonly Pick<SmsActivity, 'direction' | 'status'>[]): boolean {
  return !activities.some((a) => a.direction !== 'inbound' && REACHES_RECIPIENT.has(a.status));
}

const squash = (s: string): string => s.replace(/\s+/g, ' ').trim().toLowerCase();
