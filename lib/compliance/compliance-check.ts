/**
 * The compliance gate: given what Close says about a recipient right now (their time zone, blocks, the thread),
 * may this text go at this instant? One pure function used three times — by the composer to show the rep what
 * stands in the way before they click, by the background's send gate (with facts it fetched itself, whatever
 * the page claimed), and by the quick edits of Drafts & scheduled — so the three can never disagree.
 *
 * Findings come in two strengths. A block (Close's `outbound_sms_blocked`, or the organization's blocked
 * numbers) refuses, full stop. Everything else — outside quiet hours, an unknown time zone, a reply that reads
 * like an opt-out, someone else having just texted, a blocked list we could not read — refuses until the rep
 * acknowledges that one finding by name; the acknowledgement is logged (compliance-log in lib/storage.ts).
 */
import { optOutPhrase } from './opt-out-phrases';
import { isAllowedAt, localTimeLabel, nextAllowedInstant, type QuietHours } from './quiet-hours';
import { type RecipientZone, zonesToRespect } from './recipient-zone';

/** A finding the rep may explicitly acknowledge, and send anyway. */
export type Ack = 'quiet-hours' | 'zone-unknown' | 'opt-out-reply' | 'double-text' | 'blocked-list-unavailable';
export const ACKS: readonly Ack[] = [
  'quiet-hours',
  'zone-unknown',
  'opt-out-reply',
  'double-text',
  'blocked-list-unavailable',
];

/** An outbound text to this number by anyone in the organization: recently sent, on its way, or scheduled. */
export interface RecentText {
  smsId: string;
  /** "Dana Reyes"; null when Close did not say. */
  userName: string | null;
  mine: boolean;
  status: string;
  /** When it went out (sent/outbox) or will (scheduled): an ISO instant. */
  at: string;
}

export type BlockedListState =
  | { state: 'checked'; reason: string | null; blocked: boolean }
  | { state: 'unavailable'; message: string };

/** What Close knows, fetched by the background (compliance-facts.ts) and shown to the composer as is. */
export interface ComplianceFacts {
  recipientName: string | null;
  zone: RecipientZone;
  rules: QuietHours;
  /** The contact phone's own `outbound_sms_blocked` (an opt-out recorded in Close). */
  optedOut: boolean;
  blockedList: BlockedListState;
  /** The latest text received from this number, if any. */
  lastInbound: { text: string; at: string } | null;
  recent: RecentText[];
  /** How far back another text counts as a double text (options; 0 turns the check off). */
  doubleTextHours: number;
  /** No outbound text to this number in Close yet: the composer offers the first-text footer. */
  firstText: boolean;
}

export interface Attempt {
  mode: 'send' | 'schedule' | 'draft';
  /** The instant the text would reach the recipient: now for Send, the chosen time for Schedule. ISO. */
  at: string;
  now: string;
  /** The text being edited or rescheduled itself is not "someone else's text". */
  excludeSmsId?: string | null;
}

export type Finding =
  | { kind: 'blocked'; message: string }
  | {
      kind: Ack;
      message: string;
      /** The words of the button that acknowledges it ("Send anyway — they agreed to texts now"). */
      confirm: string;
      /** For quiet hours: the first allowed instant (ISO), for "Schedule for 8:00 their time". */
      nextAllowed?: string | null;
      /** For an opt-out reply: the words that read like one. */
      phrase?: string;
    };

export interface FormatOptions {
  /** The rep's zone, for "scheduled for 9:00"; the runtime's by default. */
  repZone?: string;
}

/** Every finding for this attempt, blocks first; empty when the text may go. */
export function complianceFindings(facts: ComplianceFacts, attempt: Attempt, fmt: FormatOptions = {}): Finding[] {
  const findings: Finding[] = [];
  const who = facts.recipientName ?? 'This recipient';
  if (facts.optedOut) {
    findings.push({
      kind: 'blocked',
      message: `${who} has opted out of texts (outbound SMS is blocked in Close). Nothing will be sent.`,
    });
  }
  if (facts.blockedList.state === 'checked' && facts.blockedList.blocked) {
    const why = facts.blockedList.reason ? ` (“${facts.blockedList.reason}”)` : '';
    findings.push({
      kind: 'blocked',
      message: `This number is on your organization’s blocked numbers in Close${why}. Nothing will be sent.`,
    });
  }
  // A draft texts nobody; only a block keeps even a draft from being written (it would be sent by mistake later).
  if (attempt.mode === 'draft') return findings;

  if (facts.blockedList.state === 'unavailable') {
    findings.push({
      kind: 'blocked-list-unavailable',
      message: `Close’s blocked numbers could not be checked: ${facts.blockedList.message}`,
      confirm: 'Send — I checked this number is not blocked',
    });
  }
  findings.push(...quietHoursFindings(facts, attempt, who));

  const phrase = facts.lastInbound ? optOutPhrase(facts.lastInbound.text) : null;
  if (facts.lastInbound && phrase) {
    findings.push({
      kind: 'opt-out-reply',
      phrase,
      message: `${who} replied “${clip(facts.lastInbound.text)}” ${ago(facts.lastInbound.at, attempt.now)} — that reads like an opt-out.`,
      confirm: 'Text anyway — they asked to hear from us again',
    });
  }

  const now = Date.parse(attempt.now);
  const windowMs = facts.doubleTextHours * 3_600_000;
  const others = facts.recent.filter(
    (t) =>
      windowMs > 0 &&
      t.smsId !== attempt.excludeSmsId &&
      (t.status === 'scheduled' ? Date.parse(t.at) > now : now - Date.parse(t.at) < windowMs),
  );
  if (others.length > 0) {
    findings.push({
      kind: 'double-text',
      message: others.map((t) => describeRecent(t, attempt.now, fmt.repZone)).join('; '),
      confirm: 'Send anyway',
    });
  }
  return findings;
}

function quietHoursFindings(facts: ComplianceFacts, attempt: Attempt, who: string): Finding[] {
  if (!facts.rules.enabled) return [];
  const zones = zonesToRespect(facts.zone);
  const invalid = facts.zone.invalid.map((z) => `“${z.zone}” (${z.source})`).join(', ');
  if (zones.length === 0) {
    return [
      {
        kind: 'zone-unknown',
        message: `${who}’s time zone is unknown${invalid ? ` (Close has an invalid zone: ${invalid})` : ''}: make sure it is inside quiet hours (${window(facts.rules)}) for them.`,
        confirm: 'Send — I checked their local time',
      },
    ];
  }
  if (isAllowedAt(attempt.at, zones, facts.rules)) return [];
  const next = nextAllowedInstant(attempt.at, zones, facts.rules);
  const [first] = zones;
  const local = first ? localTimeLabel(attempt.at, first, who) : null;
  const place = local?.place ? `, in ${local.place}` : '';
  const several = zones.length > 1 ? ` Their number may be in ${zones.length} time zones; the strictest applies.` : '';
  const when = attempt.mode === 'send' ? 'It’s' : 'That would be';
  return [
    {
      kind: 'quiet-hours',
      message: `${when} ${local?.time} for ${who}${place} — outside quiet hours (${window(facts.rules)} their time).${several}${next ? '' : ' No time in the next two weeks fits every zone.'}`,
      confirm: 'Send anyway — they agreed to texts at this hour',
      nextAllowed: next,
    },
  ];
}

/** The first finding that still stops the attempt: any block, or a finding the rep has not acknowledged. */
export function firstObstacle(findings: readonly Finding[], acknowledged: readonly Ack[]): Finding | null {
  return findings.find((f) => f.kind === 'blocked' || !acknowledged.includes(f.kind)) ?? null;
}

/** The acknowledgements a send actually used: what is logged (an ack for something that was not there is not). */
export function usedAcks(findings: readonly Finding[], acknowledged: readonly Ack[]): Ack[] {
  return findings.flatMap((f) => (f.kind !== 'blocked' && acknowledged.includes(f.kind) ? [f.kind] : []));
}

const window = (r: QuietHours) => `${r.start}–${r.end}${r.daysOff.length ? ', not on days off' : ''}`;

function describeRecent(t: RecentText, now: string, repZone?: string): string {
  const who = t.mine ? 'You' : (t.userName ?? 'Someone in your organization');
  if (t.status === 'scheduled') {
    const at = new Date(t.at).toLocaleString(undefined, {
      weekday: 'short',
      hour: '2-digit',
      minute: '2-digit',
      ...(repZone ? { timeZone: repZone } : {}),
    });
    return `${who} ${t.mine ? 'have' : 'has'} a text scheduled to this number for ${at} (your time)`;
  }
  return `${who} texted this number ${ago(t.at, now)}`;
}

/** "12 min ago", "3 h ago", "2 days ago". */
export function ago(at: string, now: string): string {
  const minutes = Math.max(0, Math.round((Date.parse(now) - Date.parse(at)) / 60_000));
  if (minutes < 1) return 'just now';
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return `${hours} h ago`;
  return `${Math.round(hours / 24)} days ago`;
}

const clip = (text: string) => (text.length > 60 ? `${text.slice(0, 57)}…` : text).replace(/\s+/g, ' ');
