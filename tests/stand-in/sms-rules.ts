import { closeDate, parseIsoWithOffset } from './dates';
import { type FieldErrors, throwIfAny } from './http-errors';
import { countryOfE164 } from './phones';
import { mmsProblem, senderProblem } from './sender-checks';
import type { SmsDelivery } from './sms-delivery';
import { type AttachmentInput, MAX_TEXT_LENGTH } from './sms-input';
import type { StandInState } from './state';
import { renderTemplate } from './template-render';
import type { ContactRecord, LeadRecord, SmsAttachment, SmsRecord, SmsStatus } from './types';

/**
 * The rules Close applies to an SMS as it would be after a create or update (sms-create.ts, sms-update.ts):
 * lead/contact consistency, template rendering, text length, sender number, scheduling.
 */

export interface SmsRuleContext {
  state: StandInState;
  now: () => Date;
  delivery: SmsDelivery;
}

/** Statuses that make Close send (now or later) rather than just log. */
const SENDING: ReadonlySet<SmsStatus> = new Set(['outbox', 'scheduled']);
/** What a draft may become (Close: "A draft can move to scheduled or outbox"). */
export const DRAFT_TARGETS: ReadonlySet<SmsStatus> = new Set(['draft', 'outbox', 'scheduled']);

/** The SMS as it would be after the request, before it is checked and stored. */
export interface Candidate {
  status: SmsStatus;
  text: string;
  templateId: string | null;
  /** True when `template_id` was given without `text`: Close renders the template into `text`. */
  render: boolean;
  localPhone: string | null;
  remotePhone: string | null;
  leadId: string | null;
  contactId: string | null;
  dateScheduled: string | null;
  sendIn: number | null;
  outbound: boolean;
  /** Attachments the SMS will carry: an MMS when > 0. */
  attachmentCount: number;
}

export interface Checked {
  lead: LeadRecord | null;
  contact: ContactRecord | null;
  text: string;
}

/** Every rule Close applies to the resulting SMS; collects all field errors before refusing. */
export function checkCandidate(ctx: SmsRuleContext, candidate: Candidate, errors: FieldErrors): Checked {
  const { lead, contact } = resolveLeadAndContact(ctx.state, candidate, errors);
  const text = resolveText(ctx.state, candidate, lead, contact, errors);
  checkSending(ctx.state, candidate, text, errors);
  checkTiming(ctx, candidate, errors);
  throwIfAny(errors);
  return { lead, contact, text };
}

function resolveLeadAndContact(
  state: StandInState,
  candidate: Candidate,
  errors: FieldErrors,
): { lead: LeadRecord | null; contact: ContactRecord | null } {
  const contact = candidate.contactId ? (state.contacts.get(candidate.contactId) ?? null) : null;
  if (candidate.contactId && !contact) errors.contact_id = 'Object does not exist.';
  const leadId = candidate.leadId ?? contact?.lead_id ?? null;
  const lead = leadId ? (state.leads.get(leadId) ?? null) : null;
  if (candidate.leadId && !lead) errors.lead_id = 'Object does not exist.';
  if (!candidate.leadId && !candidate.contactId) errors.lead_id = 'This field is required.';
  if (lead && contact && contact.lead_id !== lead.id) errors.contact_id = 'This contact does not belong to the lead.';
  return { lead, contact };
}

function resolveText(
  state: StandInState,
  candidate: Candidate,
  lead: LeadRecord | null,
  contact: ContactRecord | null,
  errors: FieldErrors,
): string {
  let text = candidate.text;
  if (candidate.render && candidate.templateId) {
    const template = state.templates.get(candidate.templateId);
    if (!template) errors.template_id = 'Object does not exist.';
    else if (template.status !== 'active') errors.template_id = 'This SMS template is archived.';
    else {
      const rendered = renderTemplate(template.text, {
        contact,
        lead,
        user: state.user,
        organization: state.organization,
      });
      if (rendered.ok) text = rendered.text;
      else
        errors[`${rendered.missing}_id`] = `Required to render the template's {{ ${rendered.missing}.… }} variables.`;
    }
  }
  if (text.length > MAX_TEXT_LENGTH) {
    errors.text = `Ensure this field has no more than ${MAX_TEXT_LENGTH} characters (it has ${text.length}).`;
  }
  return text;
}

function checkSending(state: StandInState, candidate: Candidate, text: string, errors: FieldErrors): void {
  const sending = SENDING.has(candidate.status);
  if (sending && !candidate.outbound) errors.direction = 'Only outbound SMS can be sent.';
  if (sending && text.trim() === '' && !errors.text && !errors.template_id) {
    errors.text = 'This field is required to send an SMS.';
  }
  if (sending && !candidate.remotePhone) errors.remote_phone = 'This field is required to send an SMS.';
  if (sending && !candidate.localPhone) errors.local_phone = 'This field is required to send an SMS.';
  // A draft is checked too: it can only ever be sent from a number that is able to send it.
  if ((sending || candidate.status === 'draft') && candidate.outbound && candidate.localPhone) {
    const remoteCountry = candidate.remotePhone ? countryOfE164(candidate.remotePhone) : undefined;
    const problem = senderProblem(state, candidate.localPhone, remoteCountry);
    if (problem) errors.local_phone = problem;
    else if (candidate.attachmentCount > 0) {
      const mms = mmsProblem(state, candidate.localPhone, remoteCountry);
      if (mms) errors.attachments = mms;
    }
  }
}

function checkTiming(ctx: SmsRuleContext, candidate: Candidate, errors: FieldErrors): void {
  if (candidate.sendIn !== null && candidate.status !== 'outbox') {
    errors.send_in = 'send_in is only allowed with status "outbox".';
  }
  if (candidate.status !== 'scheduled') return;
  if (!candidate.dateScheduled) {
    errors.date_scheduled = 'This field is required when status is "scheduled".';
    return;
  }
  const when = parseIsoWithOffset(candidate.dateScheduled);
  if (when && when.getTime() <= ctx.now().getTime()) errors.date_scheduled = 'Must be in the future.';
}

export function startDelivery(ctx: SmsRuleContext, record: SmsRecord, sendIn: number | null): void {
  if (record.status === 'outbox') ctx.delivery.send(record.id, sendIn);
  if (record.status === 'scheduled') ctx.delivery.schedule(record.id);
}

export function normalizedDate(value: string | null): string | null {
  return value ? closeDate(new Date(value)) : null;
}

export function toAttachments(state: StandInState, attachments: AttachmentInput[]): SmsAttachment[] {
  return attachments.map((item) => ({ ...item, size: null, media_id: state.ids.next('media') }));
}
