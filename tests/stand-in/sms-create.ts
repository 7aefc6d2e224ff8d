import { closeDate } from './dates';
import type { FieldErrors } from './http-errors';
import type { SmsInput } from './sms-input';
import { buildSms } from './sms-records';
import {
  type Candidate,
  checkCandidate,
  normalizedDate,
  type SmsRuleContext,
  startDelivery,
  toAttachments,
} from './sms-rules';
import type { StandInState } from './state';
import type { SmsRecord } from './types';

/** POST /activity/sms/: draft, send now (outbox, optional send_in), send later (scheduled), or log (sent, inbox). */
export function createSms(ctx: SmsRuleContext, input: SmsInput): SmsRecord {
  const status = input.status ?? 'draft';
  const direction = input.direction ?? (status === 'inbox' ? 'inbound' : 'outbound');
  const candidate: Candidate = {
    status,
    text: input.text ?? '',
    templateId: input.template_id ?? null,
    render: Boolean(input.template_id) && !input.text,
    localPhone: input.local_phone ?? null,
    remotePhone: input.remote_phone ?? null,
    leadId: input.lead_id ?? null,
    contactId: input.contact_id ?? null,
    dateScheduled: input.date_scheduled ?? null,
    sendIn: input.send_in ?? null,
    outbound: direction === 'outbound',
    attachmentCount: input.attachments?.length ?? 0,
  };
  const errors: FieldErrors = {};
  checkCreateOnly(ctx.state, input, errors);
  const checked = checkCandidate(ctx, candidate, errors);
  const now = ctx.now();
  const created = input.date_created ? new Date(input.date_created) : now;
  const record = buildSms(ctx.state, {
    id: ctx.state.ids.next('acti'),
    status,
    direction,
    source: input.source ?? 'Close.io',
    text: checked.text,
    templateId: candidate.templateId,
    localPhone: candidate.localPhone,
    remotePhone: candidate.remotePhone,
    leadId: checked.lead?.id ?? null,
    contactId: checked.contact?.id ?? null,
    created,
    dateScheduled: status === 'scheduled' ? normalizedDate(candidate.dateScheduled) : null,
  });
  record.date_updated = closeDate(now);
  if (input.activity_at) record.activity_at = closeDate(new Date(input.activity_at));
  if (status === 'sent') record.date_sent = record.activity_at;
  if (input.attachments) record.attachments = toAttachments(ctx.state, input.attachments);
  ctx.state.sms.set(record.id, record);
  startDelivery(ctx, record, candidate.sendIn);
  return record;
}

function checkCreateOnly(state: StandInState, input: SmsInput, errors: FieldErrors): void {
  if (input.user_id && input.user_id !== state.user.id) errors.user_id = 'Object does not exist.';
  if (input.organization_id && input.organization_id !== state.organization.id) {
    errors.organization_id = 'Object does not exist.';
  }
}
