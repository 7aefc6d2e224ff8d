import { parseIsoWithOffset } from './dates';
import { type FieldErrors, plainError, throwIfAny } from './http-errors';
import { type IdPrefix, isIdOfKind } from './ids';
import { parseE164 } from './phones';
import { SMS_STATUSES, type SmsDirection, type SmsSource, type SmsStatus } from './types';

/** The attachment content types Close's schema enumerates for SMS/MMS. */
export const ATTACHMENT_CONTENT_TYPES = new Set([
  'application/pdf',
  'application/vcard',
  ...[
    '3gpp',
    '3gpp2',
    'L24',
    'ac3',
    'amr',
    'amr-nb',
    'basic',
    'mp4',
    'mpeg',
    'ogg',
    'vnd.rn-realaudio',
    'vnd.wave',
    'webm',
  ].map((t) => `audio/${t}`),
  ...['bmp', 'gif', 'jpeg', 'jpg', 'png', 'tiff'].map((t) => `image/${t}`),
  ...['calendar', 'csv', 'directory', 'richtext', 'rtf', 'vcard', 'x-vcard'].map((t) => `text/${t}`),
  ...[
    '3gpp',
    '3gpp-tt',
    '3gpp2',
    'H261',
    'H263',
    'H263-1998',
    'H263-2000',
    'H264',
    'mp4',
    'mpeg',
    'quicktime',
    'webm',
  ].map((t) => `video/${t}`),
]);

export const MAX_TEXT_LENGTH = 1000;
export const MAX_SEND_IN_SECONDS = 60;
export const MAX_ATTACHMENTS = 10;

export interface AttachmentInput {
  url: string;
  filename: string;
  content_type: string;
}

/** A validated SMS create/update body; a key is present only when the client sent it. */
export interface SmsInput {
  status?: SmsStatus;
  text?: string | null;
  template_id?: string | null;
  local_phone?: string | null;
  remote_phone?: string | null;
  lead_id?: string | null;
  contact_id?: string | null;
  user_id?: string | null;
  direction?: SmsDirection;
  source?: SmsSource;
  activity_at?: string | null;
  date_created?: string | null;
  date_scheduled?: string | null;
  send_in?: number | null;
  attachments?: AttachmentInput[] | null;
  organization_id?: string | null;
}

type FieldParser = (value: unknown) => { value: unknown } | { error: string };

const ok = (value: unknown) => ({ value });
const fail = (error: string) => ({ error });

function nullable(parser: FieldParser): FieldParser {
  return (value) => (value === null ? ok(null) : parser(value));
}

const text: FieldParser = (value) => (typeof value === 'string' ? ok(value) : fail('Not a valid string.'));

function id(prefix: IdPrefix): FieldParser {
  return (value) =>
    typeof value === 'string' && isIdOfKind(value, prefix) ? ok(value) : fail(`Not a valid ${prefix}_ id.`);
}

function oneOf(values: readonly string[]): FieldParser {
  return (value) =>
    typeof value === 'string' && values.includes(value) ? ok(value) : fail(`Must be one of: ${values.join(', ')}.`);
}

const e164: FieldParser = (value) =>
  typeof value === 'string' && parseE164(value)
    ? ok(value)
    : fail('Enter a valid phone number in E.164 format, e.g. +14156660100.');

const datetime: FieldParser = (value) =>
  typeof value === 'string' && parseIsoWithOffset(value)
    ? ok(value)
    : fail('Enter a valid ISO 8601 datetime with a UTC offset, e.g. 2026-05-05T16:00:00+00:00.');

const sendIn: FieldParser = (value) =>
  typeof value === 'number' && Number.isInteger(value) && value >= 0 && value < MAX_SEND_IN_SECONDS
    ? ok(value)
    : fail(`send_in must be a whole number of seconds, less than ${MAX_SEND_IN_SECONDS}.`);

const attachments: FieldParser = (value) => {
  if (!Array.isArray(value)) return fail('Not a valid list.');
  if (value.length > MAX_ATTACHMENTS) return fail(`At most ${MAX_ATTACHMENTS} attachments are allowed.`);
  const bad = value.findIndex((item) => !isAttachment(item));
  return bad === -1 ? ok(value) : fail(`Attachment ${bad} needs url, filename and a supported content_type.`);
};

function isAttachment(item: unknown): item is AttachmentInput {
  if (typeof item !== 'object' || item === null) return false;
  const { url, filename, content_type } = item as Record<string, unknown>;
  return (
    typeof url === 'string' &&
    typeof filename === 'string' &&
    typeof content_type === 'string' &&
    ATTACHMENT_CONTENT_TYPES.has(content_type)
  );
}

const COMMON_FIELDS: Record<string, FieldParser> = {
  status: oneOf(SMS_STATUSES),
  text: nullable(text),
  template_id: nullable(id('smstmpl')),
  local_phone: nullable(e164),
  remote_phone: nullable(e164),
  lead_id: nullable(id('lead')),
  contact_id: nullable(id('cont')),
  user_id: nullable(id('user')),
  activity_at: nullable(datetime),
  attachments: nullable(attachments),
  // Documented in Close's prose (not in its schema): scheduling and the undo window.
  date_scheduled: nullable(datetime),
  send_in: nullable(sendIn),
};

const CREATE_FIELDS: Record<string, FieldParser> = {
  ...COMMON_FIELDS,
  direction: oneOf(['inbound', 'outbound']),
  source: oneOf(['Close.io', 'External']),
  date_created: nullable(datetime),
  organization_id: nullable(id('orga')),
  created_by_id: nullable(id('user')),
};

/**
 * Type-checks a create (or, with `update`, an update) body. Unknown fields are refused rather than ignored: a
 * misspelt `date_scheduled` silently ignored would turn a scheduled SMS into one sent now.
 */
export function parseSmsInput(body: unknown, mode: 'create' | 'update'): SmsInput {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw plainError(400, 'The request body must be a JSON object.');
  }
  const fields = mode === 'create' ? CREATE_FIELDS : COMMON_FIELDS;
  const input: Record<string, unknown> = {};
  const errors: FieldErrors = {};
  for (const [name, value] of Object.entries(body)) {
    const parser = fields[name];
    if (!parser) {
      errors[name] = 'Unknown field.';
      continue;
    }
    const result = parser(value);
    if ('error' in result) errors[name] = result.error;
    else input[name] = result.value;
  }
  if (mode === 'create' && !('status' in body)) errors.status = 'This field is required.';
  throwIfAny(errors);
  return input as SmsInput;
}
