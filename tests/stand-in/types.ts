/**
 * Shapes of the records the stand-in keeps. They are stored exactly as Close returns them (the field names and
 * nullability follow close-openapi.yml), so a test can compare `state` with what the client received.
 */

export type SmsStatus = 'inbox' | 'draft' | 'scheduled' | 'outbox' | 'sent' | 'error';
export const SMS_STATUSES: readonly SmsStatus[] = ['inbox', 'draft', 'scheduled', 'outbox', 'sent', 'error'];

export type SmsDirection = 'inbound' | 'outbound';
export type SmsSource = 'Close.io' | 'External';

export interface OrganizationRecord {
  id: string;
  name: string;
  date_created: string;
  date_updated: string;
}

export interface UserRecord {
  id: string;
  first_name: string;
  last_name: string;
  email: string;
  image: string | null;
  last_used_timezone: string;
  date_created: string;
  date_updated: string;
}

export interface PhoneNumberRecord {
  id: string;
  number: string;
  number_formatted: string;
  label: string;
  type: 'internal' | 'external' | 'virtual';
  country: string | null;
  sms_enabled: boolean;
  mms_enabled: boolean;
  supports_sms_to_countries: string[];
  supports_mms_to_countries: string[];
  is_group_number: boolean;
  participants: string[];
  user_id: string | null;
  organization_id: string;
  address_id: string | null;
  bundle_id: string | null;
  carrier: 'twilio' | 'plivo' | null;
  carrier_type: 'local' | 'national' | 'mobile' | 'tollfree' | 'shortcode' | null;
  forward_to: string | null;
  forward_to_enabled: boolean;
  forward_to_formatted: string | null;
  is_premium: boolean;
  is_verified: boolean;
  was_ported: boolean;
  press_1_to_accept: boolean;
  voicemail_greeting_url: string | null;
  last_billed_price: number | null;
  next_billing_on: string | null;
  date_created: string;
  date_updated: string;
}

export interface ContactPhoneRecord {
  phone: string;
  phone_formatted: string;
  type: string;
  country: string | null;
  outbound_sms_blocked: boolean;
  /** Zones Close derives from the number (time-zones.ts); several when it cannot tell. */
  tz_ids: string[];
}

export interface BlockedPhoneNumberRecord {
  id: string;
  organization_id: string;
  phone: string;
  reason: string;
  created_by: string;
  updated_by: string;
  date_created: string;
  date_updated: string;
}

export interface ContactEmailRecord {
  email: string;
  type: string;
  is_unsubscribed: boolean;
}

export interface ContactRecord {
  id: string;
  lead_id: string;
  organization_id: string;
  name: string | null;
  display_name: string;
  title: string | null;
  phones: ContactPhoneRecord[];
  emails: ContactEmailRecord[];
  urls: { type: string; url: string }[];
  timezone: string | null;
  timezone_source: string | null;
  created_by: string | null;
  updated_by: string | null;
  date_created: string;
  date_updated: string;
}

/** A lead without its contacts: those live in `state.contacts` and are embedded when the lead is read. */
export interface LeadRecord {
  id: string;
  organization_id: string;
  name: string | null;
  display_name: string;
  description: string | null;
  url: string | null;
  status_id: string;
  status_label: string;
  created_by: string | null;
  created_by_name: string | null;
  updated_by: string | null;
  updated_by_name: string | null;
  date_created: string;
  date_updated: string;
}

export interface SmsTemplateRecord {
  id: string;
  name: string;
  text: string;
  status: 'active' | 'archived';
  is_shared: boolean;
  owned_by: string;
  created_by: string;
  updated_by: string;
  organization_id: string;
  attachments: never[];
  date_created: string;
  date_updated: string;
}

export interface SmsRecord {
  id: string;
  _type: 'SMS';
  status: SmsStatus;
  direction: SmsDirection;
  source: SmsSource;
  text: string;
  template_id: string | null;
  local_phone: string | null;
  local_phone_formatted: string | null;
  local_country_iso: string | null;
  remote_phone: string | null;
  remote_phone_formatted: string | null;
  remote_country_iso: string | null;
  lead_id: string | null;
  contact_id: string | null;
  user_id: string | null;
  user_name: string | null;
  users: string[];
  organization_id: string;
  created_by: string | null;
  created_by_name: string | null;
  updated_by: string | null;
  updated_by_name: string | null;
  date_created: string;
  date_updated: string;
  activity_at: string | null;
  date_scheduled: string | null;
  date_sent: string | null;
  error_message: string | null;
  cost: string | null;
  sequence_id: string | null;
  sequence_name: string | null;
  sequence_subscription_id: string | null;
  agent_action_reason: string | null;
  agent_config_id: string | null;
  caller_id_mode: 'fixed' | 'auto';
  caller_id_reason: string | null;
  attachments: SmsAttachment[];
}

export interface SmsAttachment {
  url: string;
  filename: string;
  content_type: string;
  size: number | null;
  media_id: string;
}
