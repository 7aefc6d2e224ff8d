import { closeDate } from './dates';
import { IdFactory } from './ids';
import type {
  BlockedPhoneNumberRecord,
  ContactPhoneRecord,
  ContactRecord,
  LeadRecord,
  OrganizationRecord,
  PhoneNumberRecord,
  SmsRecord,
  SmsTemplateRecord,
  UserRecord,
} from './types';

export interface LeadStatus {
  id: string;
  label: string;
}

/**
 * The stand-in's whole organization, in memory. Tests read it to assert outcomes ("exactly one SMS with this text,
 * and it is sent") and may change it behind the client's back (delete an SMS, block a number).
 */
export class StandInState {
  organization: OrganizationRecord;
  user: UserRecord;
  leadStatus: LeadStatus;
  phoneNumbers: PhoneNumberRecord[] = [];
  leads = new Map<string, LeadRecord>();
  contacts = new Map<string, ContactRecord>();
  templates = new Map<string, SmsTemplateRecord>();
  sms = new Map<string, SmsRecord>();
  /** The organization's blocked numbers (`/blocked_phone_number/`), by id. */
  blockedNumbers = new Map<string, BlockedPhoneNumberRecord>();
  /** Recipients whose carrier accepts a text, then reports it failed: `sent` later turns into `error` with this message. */
  lateFailures = new Map<string, string>();
  /** Numbers a carrier lookup reports as landlines (besides numbers whose metadata says fixed line). */
  landlines = new Set<string>();
  readonly ids = new IdFactory();
  /**
   * How long a new contact stays invisible to `POST /data/search/` (Close's search index lags behind writes).
   * 0 = found at once. Reads by id are never lagged.
   */
  searchLagMs = 0;
  /** Results per search page before a `cursor` is handed out (Close pages search results by cursor). */
  searchPageSize = 100;
  /** When each contact (by id) reaches the search index, in ms on the stand-in's clock. Missing: since seeding. */
  readonly searchIndexedAt = new Map<string, number>();

  constructor(organization: OrganizationRecord, user: UserRecord, leadStatus: LeadStatus) {
    this.organization = organization;
    this.user = user;
    this.leadStatus = leadStatus;
  }

  get userName(): string {
    return `${this.user.first_name} ${this.user.last_name}`;
  }

  smsList(): SmsRecord[] {
    return [...this.sms.values()];
  }

  smsByText(text: string): SmsRecord[] {
    return this.smsList().filter((sms) => sms.text === text);
  }

  contactsOfLead(leadId: string): ContactRecord[] {
    return [...this.contacts.values()].filter((contact) => contact.lead_id === leadId);
  }

  /** Every contact phone in the organization equal to `e164` (a number may sit on several contacts). */
  contactPhones(e164: string): { contact: ContactRecord; phone: ContactPhoneRecord }[] {
    return [...this.contacts.values()].flatMap((contact) =>
      contact.phones.filter((phone) => phone.phone === e164).map((phone) => ({ contact, phone })),
    );
  }

  phoneNumber(e164: string): PhoneNumberRecord | undefined {
    return this.phoneNumbers.find((number) => number.number === e164);
  }

  /** Blocks a number for the whole organization, as POST /blocked_phone_number/ does (tests call it directly too). */
  blockPhone(phone: string, reason: string, now: Date): BlockedPhoneNumberRecord {
    const record: BlockedPhoneNumberRecord = {
      id: this.ids.next('blkph'),
      organization_id: this.organization.id,
      phone,
      reason,
      created_by: this.user.id,
      updated_by: this.user.id,
      date_created: closeDate(now),
      date_updated: closeDate(now),
    };
    this.blockedNumbers.set(record.id, record);
    return record;
  }

  /** Empties everything except the user and organization, which every request needs. */
  clear(): void {
    this.phoneNumbers = [];
    this.leads.clear();
    this.contacts.clear();
    this.templates.clear();
    this.sms.clear();
    this.blockedNumbers.clear();
    this.landlines.clear();
    this.lateFailures.clear();
    this.searchIndexedAt.clear();
    this.ids.reset();
  }
}
