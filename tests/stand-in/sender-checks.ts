import { countryOfE164, formatE164, parseE164 } from './phones';
import type { StandInState } from './state';
import type { SmsRecord } from './types';

/**
 * Why `localPhone` cannot text `remoteCountry`, or null when it can. Close sends only from an internal, SMS-enabled
 * number the user takes part in, and only to the countries that number supports (no international SMS).
 * `remoteCountry` undefined skips the country check (a draft without a recipient yet).
 */
export function senderProblem(state: StandInState, localPhone: string, remoteCountry?: string | null): string | null {
  const number = state.phoneNumber(localPhone);
  if (!number) return `${localPhone} is not a phone number of your organization.`;
  if (number.type !== 'internal')
    return `${number.number_formatted} is not an internal Close number; it cannot send SMS.`;
  if (!number.participants.includes(state.user.id)) return `You are not allowed to use ${number.number_formatted}.`;
  if (!number.sms_enabled) return `${number.number_formatted} is not SMS-enabled.`;
  if (remoteCountry === undefined) return null;
  if (remoteCountry === null || !number.supports_sms_to_countries.includes(remoteCountry)) {
    return `${number.number_formatted} cannot send SMS to ${remoteCountry ?? 'this destination'}.`;
  }
  return null;
}

/**
 * Why `localPhone` cannot send an MMS (a text with attachments) to `remoteCountry`, or null. Close sends MMS only
 * from numbers with `mms_enabled`, and only to `supports_mms_to_countries` (US and Canada, close-api.md §1).
 */
export function mmsProblem(state: StandInState, localPhone: string, remoteCountry?: string | null): string | null {
  const number = state.phoneNumber(localPhone);
  if (!number) return `${localPhone} is not a phone number of your organization.`;
  if (!number.mms_enabled) return `${number.number_formatted} cannot send MMS (attachments).`;
  if (remoteCountry === undefined) return null;
  if (remoteCountry === null || !number.supports_mms_to_countries.includes(remoteCountry)) {
    return `${number.number_formatted} cannot send MMS to ${remoteCountry ?? 'this destination'}.`;
  }
  return null;
}

export type DeliveryOutcome = { ok: true } | { ok: false; message: string };

/** What the carrier says when the SMS leaves `outbox`. Checked at that moment, so later state changes count. */
export function deliveryOutcome(state: StandInState, record: SmsRecord): DeliveryOutcome {
  const remote = record.remote_phone;
  if (!remote || !record.local_phone) return { ok: false, message: 'The SMS has no sender or recipient number.' };
  const senderIssue = senderProblem(state, record.local_phone, countryOfE164(remote));
  if (senderIssue) return { ok: false, message: senderIssue };
  const formatted = formatE164(remote);
  if (state.contactPhones(remote).some(({ phone }) => phone.outbound_sms_blocked)) {
    return { ok: false, message: `Outbound SMS to ${formatted} is blocked: the recipient has opted out.` };
  }
  if (isLandline(state, remote)) {
    return { ok: false, message: `The number ${formatted} is a landline and cannot receive SMS.` };
  }
  return { ok: true };
}

/** NANP metadata cannot tell landlines from mobiles, so the state lists known landlines; other plans can. */
function isLandline(state: StandInState, e164: string): boolean {
  return state.landlines.has(e164) || parseE164(e164)?.type === 'FIXED_LINE';
}
