/**
 * Shapes of Close's answers and of the bodies we send, written from the OpenAPI
 * copy (../shared/reference/close-openapi.yml) and close-api.md.
 *
 * Answers use loose objects and accept null or absence wherever Close has been
 * seen to omit a field, so a Close release that adds or drops an optional field
 * does not break the extension. Only what the extension relies on is required.
 * Request bodies are strict so a typo is caught here, not sent.
 */
import { z } from 'zod/mini';

const optionalText = z.optional(z.nullable(z.string()));
const optionalFlag = z.optional(z.nullable(z.boolean()));

/** Close's envelope for offset-paged lists. A missing `has_more` means "no more", the safe reading. */
export const listOf = <T extends z.ZodMiniType>(item: T) =>
  z.looseObject({ data: z.array(item), has_more: z._default(z.boolean(), false) });

// ---- SMS activity -----------------------------------------------------------

export const SMS_STATUSES = ['inbox', 'draft', 'scheduled', 'outbox', 'sent', 'error'] as const;
export type SmsStatus = (typeof SMS_STATUSES)[number];

const smsAttachmentSchema = z.looseObject({
  url: z.string(),
  filename: optionalText,
  content_type: optionalText,
  size: z.optional(z.nullable(z.number())),
  media_id: optionalText,
  thumbnail_url: optionalText,
});

export const smsActivitySchema = z.looseObject({
  id: z.string(),
  _type: optionalText,
  // A plain string, not the enum: a status Close adds later must not make every list unreadable.
  status: z.string(),
  direction: optionalText,
  source: optionalText,
  text: optionalText,
  template_id: optionalText,
  local_phone: optionalText,
  local_phone_formatted: optionalText,
  local_country_iso: optionalText,
  remote_phone: optionalText,
  remote_phone_formatted: optionalText,
  remote_country_iso: optionalText,
  lead_id: optionalText,
  contact_id: optionalText,
  user_id: optionalText,
  user_name: optionalText,
  organization_id: optionalText,
  date_created: z.string(),
  date_updated: optionalText,
  activity_at: optionalText,
  date_scheduled: optionalText,
  date_sent: optionalText,
  error_message: optionalText,
  cost: optionalText,
  attachments: z.optional(z.nullable(z.array(smsAttachmentSchema))),
});
export type SmsActivity = z.infer<typeof smsActivitySchema>;

export const smsPageSchema = listOf(smsActivitySchema);
export type SmsPage = z.infer<typeof smsPageSchema>;

/** DELETE answers `{}`; anything object-like is fine. */
export const emptySchema = z.looseObject({});

const attachmentInputSchema = z.strictObject({
  url: z.string(),
  filename: z.string(),
  content_type: z.string(),
});

const nullableText = z.optional(z.nullable(z.string()));

/** `date_scheduled` and `send_in` are in Close's prose but not its schema (close-api.md §1.4); send them anyway. */
const sendTimingFields = {
  date_scheduled: nullableText,
  send_in: z.optional(z.int().check(z.gte(0), z.lt(60))),
};

export const createSmsBodySchema = z.strictObject({
  status: z.enum(SMS_STATUSES),
  text: nullableText,
  template_id: nullableText,
  local_phone: nullableText,
  remote_phone: nullableText,
  lead_id: nullableText,
  contact_id: nullableText,
  user_id: nullableText,
  direction: z.optional(z.enum(['inbound', 'outbound'])),
  source: z.optional(z.enum(['Close.io', 'External'])),
  activity_at: nullableText,
  date_created: nullableText,
  created_by_id: nullableText,
  organization_id: nullableText,
  attachments: z.optional(z.nullable(z.array(attachmentInputSchema).check(z.maxLength(10)))),
  ...sendTimingFields,
});
export type CreateSmsBody = z.input<typeof createSmsBodySchema>;

export const updateSmsBodySchema = z.strictObject({
  status: z.optional(z.enum(SMS_STATUSES)),
  text: nullableText,
  template_id: nullableText,
  local_phone: nullableText,
  remote_phone: nullableText,
  lead_id: nullableText,
  contact_id: nullableText,
  user_id: nullableText,
  activity_at: nullableText,
  attachments: z.optional(z.nullable(z.array(attachmentInputSchema).check(z.maxLength(10)))),
  ...sendTimingFields,
});
export type UpdateSmsBody = z.input<typeof updateSmsBodySchema>;

// ---- Current user -----------------------------------------------------------

export const organizationSchema = z.looseObject({ id: z.string(), name: z.string() });

export const meSchema = z.looseObject({
  id: z.string(),
  first_name: z.nullable(z.string()),
  last_name: z.nullable(z.string()),
  email: z.string(),
  organizations: z.array(organizationSchema),
  last_used_timezone: optionalText,
});
export type CloseUser = z.infer<typeof meSchema>;

// ---- Phone numbers ----------------------------------------------------------

export const phoneNumberSchema = z.looseObject({
  id: z.string(),
  number: z.string(),
  number_formatted: optionalText,
  label: optionalText,
  // internal | external | virtual, kept open for the same reason as SMS status.
  type: z.string(),
  country: optionalText,
  sms_enabled: z._default(z.boolean(), false),
  mms_enabled: optionalFlag,
  supports_sms_to_countries: z._default(z.array(z.string()), []),
  supports_mms_to_countries: z.optional(z.array(z.string())),
  is_group_number: optionalFlag,
  participants: z.optional(z.array(z.string())),
});
export type PhoneNumber = z.infer<typeof phoneNumberSchema>;
export const phoneNumberPageSchema = listOf(phoneNumberSchema);

// ---- SMS templates ----------------------------------------------------------

export const smsTemplateSchema = z.looseObject({
  id: z.string(),
  name: z.string(),
  text: optionalText,
  status: optionalText,
  is_shared: optionalFlag,
  attachments: z.optional(z.nullable(z.array(smsAttachmentSchema))),
});
export type SmsTemplate = z.infer<typeof smsTemplateSchema>;
export const smsTemplatePageSchema = listOf(smsTemplateSchema);

// ---- Contacts and leads -----------------------------------------------------

export const contactPhoneSchema = z.looseObject({
  phone: z.string(),
  phone_formatted: optionalText,
  type: z.string(),
  country: optionalText,
  outbound_sms_blocked: optionalFlag,
  /** Zones Close derives from the number: one when it could pin the number down, several for e.g. a US mobile. */
  tz_ids: z.optional(z.nullable(z.array(z.string()))),
});
export type ContactPhone = z.infer<typeof contactPhoneSchema>;

export const contactSchema = z.looseObject({
  id: z.string(),
  lead_id: optionalText,
  name: optionalText,
  display_name: optionalText,
  phones: z._default(z.array(contactPhoneSchema), []),
  /** IANA zone set on the contact (by a rep or by Close); kept as a string, an invalid id is reported, not dropped. */
  timezone: optionalText,
});
export type Contact = z.infer<typeof contactSchema>;

export const leadSchema = z.looseObject({
  id: z.string(),
  display_name: z.string(),
  name: optionalText,
  contacts: z._default(z.array(contactSchema), []),
  addresses: z.optional(z.nullable(z.array(z.looseObject({ tz_ids: z.optional(z.nullable(z.array(z.string()))) })))),
});
export type Lead = z.infer<typeof leadSchema>;

/** `POST /data/search/` answers with the requested fields plus `__object_type`, and a cursor for more. */
export const contactSearchSchema = z.looseObject({
  data: z.array(contactSchema),
  cursor: optionalText,
});
export type ContactSearchResult = z.infer<typeof contactSearchSchema>;

// ---- Blocked phone numbers --------------------------------------------------

/** An organization-wide block (GET /blocked_phone_number/): nobody in the org may call or text the number. */
export const blockedPhoneNumberSchema = z.looseObject({
  id: z.string(),
  phone: z.string(),
  reason: optionalText,
});
export type BlockedPhoneNumber = z.infer<typeof blockedPhoneNumberSchema>;
export const blockedPhoneNumberPageSchema = listOf(blockedPhoneNumberSchema);

export const createBlockedPhoneNumberBodySchema = z.strictObject({
  phone: z.string(),
  reason: z.string().check(z.minLength(1), z.maxLength(500)),
});

export const createLeadBodySchema = z.strictObject({
  name: z.optional(z.string()),
  contacts: z.array(
    z.strictObject({
      name: z.optional(z.string()),
      phones: z.array(z.strictObject({ phone: z.string(), type: z.string() })),
    }),
  ),
});
export type CreateLeadBody = z.infer<typeof createLeadBodySchema>;
