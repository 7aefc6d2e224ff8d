import { closeDate } from './dates';
import { countryOfE164, formatE164 } from './phones';
import type { StandInState } from './state';
import type { SmsDirection, SmsRecord, SmsSource, SmsStatus } from './types';

export interface NewSms {
  id: string;
  status: SmsStatus;
  direction: SmsDirection;
  source: SmsSource;
  text: string;
  templateId: string | null;
  localPhone: string | null;
  remotePhone: string | null;
  leadId: string | null;
  contactId: string | null;
  created: Date;
  dateScheduled: string | null;
}

/** Builds the full object Close returns for an SMS, filling every derived field (formatting, names, dates). */
export function buildSms(state: StandInState, input: NewSms): SmsRecord {
  const created = closeDate(input.created);
  const record: SmsRecord = {
    id: input.id,
    _type: 'SMS',
    status: input.status,
    direction: input.direction,
    source: input.source,
    text: input.text,
    template_id: input.templateId,
    local_phone: null,
    local_phone_formatted: null,
    local_country_iso: null,
    remote_phone: null,
    remote_phone_formatted: null,
    remote_country_iso: null,
    lead_id: input.leadId,
    contact_id: input.contactId,
    user_id: state.user.id,
    user_name: state.userName,
    users: [],
    organization_id: state.organization.id,
    created_by: state.user.id,
    created_by_name: state.userName,
    updated_by: state.user.id,
    updated_by_name: state.userName,
    date_created: created,
    date_updated: created,
    activity_at: created,
    date_scheduled: input.dateScheduled,
    date_sent: null,
    error_message: null,
    cost: null,
    sequence_id: null,
    sequence_name: null,
    sequence_subscription_id: null,
    agent_action_reason: null,
    agent_config_id: null,
    caller_id_mode: 'fixed',
    caller_id_reason: null,
    attachments: [],
  };
  setLocalPhone(record, input.localPhone);
  setRemotePhone(record, input.remotePhone);
  return record;
}

export function setLocalPhone(record: SmsRecord, e164: string | null): void {
  record.local_phone = e164;
  record.local_phone_formatted = e164 === null ? null : formatE164(e164);
  record.local_country_iso = e164 === null ? null : countryOfE164(e164);
}

export function setRemotePhone(record: SmsRecord, e164: string | null): void {
  record.remote_phone = e164;
  record.remote_phone_formatted = e164 === null ? null : formatE164(e164);
  record.remote_country_iso = e164 === null ? null : countryOfE164(e164);
}

export function touch(state: StandInState, record: SmsRecord, now: Date): void {
  record.date_updated = closeDate(now);
  record.updated_by = state.user.id;
  record.updated_by_name = state.userName;
}
