import { buildSms } from './sms-records';
import type { StandInState } from './state';
import type { SmsRecord } from './types';

export interface IncomingReply {
  /** The customer's number (E.164). */
  from: string;
  text: string;
  /** The org's number it was sent to; default: the number that last texted `from`, else the first SMS number. */
  to?: string;
  /** When Close received it (default: the stand-in's now). */
  at?: Date;
}

/**
 * The carrier delivering a customer's text: Close logs it as an SMS with status `inbox`, direction `inbound`,
 * on the contact that has the number (the newest one, when several do), and on no lead when none does — as
 * Close keeps a text from an unknown number. The rep owning the receiving number is its user.
 */
export function receiveReply(state: StandInState, reply: IncomingReply, now: Date): SmsRecord {
  const owner = state.contactPhones(reply.from).at(-1)?.contact ?? null;
  const lastToThem = state
    .smsList()
    .filter((sms) => sms.direction === 'outbound' && sms.remote_phone === reply.from && sms.local_phone)
    .sort((a, b) => Date.parse(b.date_created) - Date.parse(a.date_created))[0];
  const local = reply.to ?? lastToThem?.local_phone ?? state.phoneNumbers.find((n) => n.sms_enabled)?.number ?? null;
  const record = buildSms(state, {
    id: state.ids.next('acti'),
    status: 'inbox',
    direction: 'inbound',
    source: 'Close.io',
    text: reply.text,
    templateId: null,
    localPhone: local,
    remotePhone: reply.from,
    leadId: owner?.lead_id ?? null,
    contactId: owner?.id ?? null,
    created: reply.at ?? now,
    dateScheduled: null,
  });
  record.users = [state.user.id];
  state.sms.set(record.id, record);
  return record;
}
