import { closeDate } from './dates';
import { type FieldErrors, plainError } from './http-errors';
import type { AttachmentInput, SmsInput } from './sms-input';
import { setLocalPhone, setRemotePhone, touch } from './sms-records';
import {
  type Candidate,
  type Checked,
  checkCandidate,
  DRAFT_TARGETS,
  normalizedDate,
  type SmsRuleContext,
  startDelivery,
  toAttachments,
} from './sms-rules';
import type { SmsAttachment, SmsRecord } from './types';

/** PUT /activity/sms/{id}/ (a PATCH, as every Close PUT): edit or send a draft, or cancel a pending send. */
export function updateSms(ctx: SmsRuleContext, record: SmsRecord, input: SmsInput): SmsRecord {
  const changes = changedFields(record, input);
  if (record.status !== 'draft') return updateNonDraft(ctx, record, input, changes);
  const status = input.status ?? 'draft';
  const errors: FieldErrors = {};
  if (!DRAFT_TARGETS.has(status))
    errors.status = 'A draft can only become scheduled (send later) or outbox (send now).';
  const candidate: Candidate = {
    status,
    text: ('text' in input ? input.text : record.text) ?? '',
    templateId: 'template_id' in input ? (input.template_id ?? null) : record.template_id,
    render: Boolean(input.template_id) && !input.text,
    localPhone: 'local_phone' in input ? (input.local_phone ?? null) : record.local_phone,
    remotePhone: 'remote_phone' in input ? (input.remote_phone ?? null) : record.remote_phone,
    leadId: 'lead_id' in input ? (input.lead_id ?? null) : record.lead_id,
    contactId: 'contact_id' in input ? (input.contact_id ?? null) : record.contact_id,
    dateScheduled: input.date_scheduled ?? null,
    sendIn: input.send_in ?? null,
    outbound: record.direction === 'outbound',
    attachmentCount: input.attachments !== undefined ? (input.attachments?.length ?? 0) : record.attachments.length,
  };
  if (input.user_id && input.user_id !== ctx.state.user.id) errors.user_id = 'Object does not exist.';
  const checked = checkCandidate(ctx, candidate, errors);
  applyDraftUpdate(ctx, record, input, candidate, checked);
  return record;
}

function applyDraftUpdate(
  ctx: SmsRuleContext,
  record: SmsRecord,
  input: SmsInput,
  candidate: Candidate,
  checked: Checked,
): void {
  record.status = candidate.status;
  record.text = checked.text;
  record.template_id = candidate.templateId;
  record.lead_id = checked.lead?.id ?? null;
  record.contact_id = checked.contact?.id ?? null;
  setLocalPhone(record, candidate.localPhone);
  setRemotePhone(record, candidate.remotePhone);
  record.date_scheduled = candidate.status === 'scheduled' ? normalizedDate(candidate.dateScheduled) : null;
  if (input.activity_at) record.activity_at = closeDate(new Date(input.activity_at));
  if (input.attachments !== undefined) record.attachments = toAttachments(ctx.state, input.attachments ?? []);
  touch(ctx.state, record, ctx.now());
  startDelivery(ctx, record, candidate.sendIn);
}

/**
 * Only drafts can be modified. The one change allowed on another status is back to `draft`, which cancels a
 * scheduled SMS or one still in its `send_in` undo window.
 */
function updateNonDraft(ctx: SmsRuleContext, record: SmsRecord, input: SmsInput, changes: string[]): SmsRecord {
  if (changes.length === 0) return record;
  const isCancel = changes.length === 1 && changes[0] === 'status' && input.status === 'draft';
  if (!isCancel) {
    throw plainError(
      400,
      `Only drafts can be modified; this SMS is "${record.status}" (changed: ${changes.join(', ')}).`,
    );
  }
  if (record.status !== 'scheduled' && record.status !== 'outbox') {
    throw plainError(400, `An SMS that is "${record.status}" cannot be turned back into a draft.`);
  }
  if (!ctx.delivery.canCancel(record.id)) {
    throw plainError(400, 'This SMS is already being sent and can no longer be cancelled.');
  }
  ctx.delivery.cancel(record.id);
  record.status = 'draft';
  record.date_scheduled = null;
  touch(ctx.state, record, ctx.now());
  return record;
}

/** Fields of `input` whose value differs from the record; the basis of "only drafts can be modified". */
function changedFields(record: SmsRecord, input: SmsInput): string[] {
  const current: Record<string, unknown> = {
    status: record.status,
    text: record.text,
    template_id: record.template_id,
    local_phone: record.local_phone,
    remote_phone: record.remote_phone,
    lead_id: record.lead_id,
    contact_id: record.contact_id,
    user_id: record.user_id,
  };
  return Object.entries(input)
    .filter(([name, value]) => {
      if (name === 'send_in') return value !== null;
      if (name === 'date_scheduled' || name === 'activity_at') return !sameInstant(value, record[name]);
      if (name === 'attachments')
        return JSON.stringify(value ?? []) !== JSON.stringify(record.attachments.map(asInput));
      if (name === 'text') return (value ?? '') !== record.text;
      return value !== current[name];
    })
    .map(([name]) => name);
}

function sameInstant(value: unknown, current: string | null): boolean {
  if (value === null || value === undefined) return current === null;
  if (current === null || typeof value !== 'string') return false;
  return new Date(value).getTime() === new Date(current).getTime();
}

function asInput(attachment: SmsAttachment): AttachmentInput {
  return { url: attachment.url, filename: attachment.filename, content_type: attachment.content_type };
}
