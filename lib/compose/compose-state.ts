/**
 * The composer's state and what follows from it, outside any component so it is tested without a DOM:
 * a reducer for what happens (loaded, contact picked, sent, failed…) and `composeView` for what the
 * composer shows and allows, through the same `sendReadiness` rules the background's gate applies.
 */
import type { Ack } from '../compliance/compliance-check';
import { attemptObstacle, type ComplianceView, complianceView } from '../compliance/compose-compliance';
import type { ComposeContext, ErrorInfo, SendRequest, SmsSummary } from '../protocol';
import { isOptedOut, RECIPIENT_REASONS, type SendMode, sendReadiness } from './send-readiness';

export interface ComposeState {
  ctx: ComposeContext | null;
  loadError: ErrorInfo | null;
  contactId: string | null;
  from: string;
  busy: boolean;
  actionError: ErrorInfo | null;
  /**
   * The last send may have gone out (the answer was lost and Close could not be asked): Send stays off
   * until the rep says they checked Close, so a retry never texts the customer twice by accident.
   */
  uncertain: boolean;
  outcome: { sms: SmsSummary; text: string } | null;
  scheduling: boolean;
  /** Bumped to reload the conversation after a send or an undo. */
  conversationKey: number;
  leadName: string | null;
  /** Compliance findings the rep acknowledged for this recipient (sent with the request, logged by the background). */
  acknowledged: Ack[];
  /** What the rep last tried, so an acknowledgement can try it again. */
  lastAttempt: { mode: SendMode; dateScheduled?: string; cancelIfReply?: boolean } | null;
}

export const INITIAL_COMPOSE: ComposeState = {
  ctx: null,
  loadError: null,
  contactId: null,
  from: '',
  busy: false,
  actionError: null,
  uncertain: false,
  outcome: null,
  scheduling: false,
  conversationKey: 0,
  leadName: null,
  acknowledged: [],
  lastAttempt: null,
};

export type ComposeEvent =
  | { type: 'load' }
  | { type: 'loaded'; ctx: ComposeContext }
  | { type: 'load-failed'; error: ErrorInfo }
  | { type: 'pick-contact'; contactId: string | null }
  | { type: 'pick-from'; number: string }
  | { type: 'toggle-schedule' }
  | { type: 'submit'; mode: SendMode; dateScheduled?: string; cancelIfReply?: boolean }
  | { type: 'acknowledge'; ack: Ack }
  | { type: 'submitted'; sms: SmsSummary; text: string }
  | { type: 'submit-failed'; error: ErrorInfo; attempt?: NonNullable<ComposeState['lastAttempt']> }
  | { type: 'checked-close' }
  | { type: 'undone' }
  | { type: 'lead-name'; name: string | null };

export function composeReducer(state: ComposeState, event: ComposeEvent): ComposeState {
  switch (event.type) {
    case 'load':
      return { ...state, loadError: null };
    case 'loaded':
      return {
        ...state,
        ctx: event.ctx,
        loadError: null,
        contactId: event.ctx.recipient.contactId,
        from: event.ctx.senders.preferred ?? '',
        acknowledged: [],
      };
    case 'load-failed':
      return { ...state, loadError: event.error };
    case 'pick-contact':
      return { ...state, contactId: event.contactId };
    case 'pick-from':
      return { ...state, from: event.number };
    case 'toggle-schedule':
      return { ...state, scheduling: !state.scheduling };
    case 'submit':
      return {
        ...state,
        busy: true,
        actionError: null,
        lastAttempt: {
          mode: event.mode,
          ...(event.dateScheduled ? { dateScheduled: event.dateScheduled } : {}),
          ...(event.cancelIfReply ? { cancelIfReply: true } : {}),
        },
      };
    case 'acknowledge':
      return state.acknowledged.includes(event.ack)
        ? state
        : { ...state, acknowledged: [...state.acknowledged, event.ack], actionError: null };
    case 'submitted':
      return {
        ...state,
        busy: false,
        outcome: { sms: event.sms, text: event.text },
        scheduling: false,
        conversationKey: state.conversationKey + 1,
        // An acknowledgement is for one text: the next one is asked about again.
        acknowledged: [],
      };
    case 'submit-failed':
      return {
        ...state,
        busy: false,
        actionError: event.error,
        uncertain: event.error.outcomeUnknown === true,
        lastAttempt: event.attempt ?? state.lastAttempt,
      };
    case 'checked-close':
      return { ...state, uncertain: false };
    case 'undone':
      return { ...state, outcome: null, conversationKey: state.conversationKey + 1 };
    case 'lead-name':
      return { ...state, leadName: event.name };
  }
}

export interface ComposeDraftValue {
  text: string;
  templateId: string | null;
}

export interface ComposeViewModel {
  template: { id: string; name: string; text: string } | null;
  /** The recipient's local time and what compliance says about texting them now. */
  compliance: ComplianceView | null;
  /** Why this recipient can't be texted (opt-out, no number, no sender), shown at once; else null. */
  problem: string | null;
  /** Send, Schedule and Save draft are possible now. */
  canSubmit: boolean;
  /** The request for the background, or why it may not be sent. */
  /** `acknowledged` defaults to the state's; the composer passes one more right after the rep confirmed it. */
  request(
    mode: SendMode,
    dateScheduled?: string,
    acknowledged?: readonly Ack[],
  ): { ok: true; request: SendRequest } | { ok: false; message: string; error?: ErrorInfo };
}

export function composeView(
  state: ComposeState,
  draft: ComposeDraftValue,
  now: number,
  repZone: string,
): ComposeViewModel {
  const { ctx } = state;
  const nowIso = new Date(now).toISOString();
  const picked = ctx?.contacts.find((c) => c.id === state.contactId);
  const contact = { id: state.contactId, name: picked?.name ?? null };
  const compliance = ctx?.compliance ? complianceView(ctx.compliance, contact, nowIso, repZone) : null;
  const template = ctx?.templates.find((t) => t.id === draft.templateId) ?? null;
  const check = (mode: SendMode, dateScheduled?: string) =>
    ctx
      ? sendReadiness({
          mode,
          to: ctx.to,
          // From the contacts as they are now, not the recipient chosen at load (the rep may switch).
          blocked: isOptedOut(ctx.contacts, ctx.to),
          senderProblem: ctx.senders.problem,
          from: state.from || null,
          allowedSenders: ctx.senders.senders.map((s) => s.number),
          text: draft.text,
          hasTemplate: !!template,
          dateScheduled: dateScheduled ?? null,
          now,
        })
      : null;
  const verdict = check('draft');
  const problem =
    verdict && !verdict.ok && RECIPIENT_REASONS.has(verdict.reason) ? verdict.message : (compliance?.block ?? null);
  const canSubmit = !!verdict?.ok && !compliance?.block && !state.busy && !state.uncertain;
  return {
    template,
    compliance,
    problem,
    canSubmit,
    request(mode, dateScheduled, acknowledged = state.acknowledged) {
      const verdict = check(mode, dateScheduled);
      if (!ctx?.to || !verdict) return { ok: false, message: 'The recipient is still being looked up.' };
      if (!verdict.ok) return verdict;
      if (!canSubmit) return { ok: false, message: 'Check the lead in Close first: the last text may have gone out.' };
      // The same compliance rules the background applies, so the rep is asked before anything is sent.
      const at = mode === 'schedule' && dateScheduled ? new Date(dateScheduled).toISOString() : nowIso;
      const obstacle = ctx.compliance
        ? attemptObstacle(ctx.compliance, contact, { mode, at, now: nowIso }, acknowledged, repZone)
        : null;
      if (obstacle) {
        const error: ErrorInfo = {
          kind: 'not-allowed',
          message: obstacle.message,
          ...(obstacle.kind !== 'blocked' ? { confirm: { ack: obstacle.kind, label: obstacle.confirm } } : {}),
          ...(obstacle.kind === 'quiet-hours' ? { nextAllowed: obstacle.nextAllowed ?? null } : {}),
        };
        return { ok: false, message: obstacle.message, error };
      }
      const request: SendRequest = {
        mode,
        to: ctx.to,
        from: state.from,
        leadId: picked?.leadId ?? ctx.lead?.id ?? null,
        contactId: state.contactId,
        text: template ? '' : draft.text,
        templateId: template?.id ?? null,
        ...(dateScheduled ? { dateScheduled } : {}),
        ...(acknowledged.length ? { acknowledged: [...acknowledged] } : {}),
      };
      return { ok: true, request };
    },
  };
}
