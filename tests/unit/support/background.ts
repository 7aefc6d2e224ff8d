/**
 * What the background's unit tests share: a fresh fake browser and trusted store per test, senders as
 * each kind of context presents itself, a Close client double, and a seeded contact/number set.
 */
import { IDBFactory } from 'fake-indexeddb';
import { vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import type { MessageSender } from '@/lib/background/message-gate';
import type { CloseClient } from '@/lib/close/client';
import type { BlockedPhoneNumber, Contact, PhoneNumber, SmsActivity } from '@/lib/close/schemas';
import { resetTrustedStoreForTests } from '@/lib/storage';

export async function freshBrowser(): Promise<void> {
  fakeBrowser.reset();
  // The fake's reset leaves storage.session as it was.
  await fakeBrowser.storage.session.clear();
  globalThis.indexedDB = new IDBFactory();
  resetTrustedStoreForTests();
}

export const OWN_ID = fakeBrowser.runtime.id;
export const OWN_ORIGIN = fakeBrowser.runtime.getURL('/');
export const ENV = { ownId: OWN_ID, ownOrigin: OWN_ORIGIN };

export const SENDERS = {
  popup: { id: OWN_ID, url: `${OWN_ORIGIN}popup.html` },
  /** The fallback compose window is an extension page that has a tab. */
  composeWindow: { id: OWN_ID, url: `${OWN_ORIGIN}popup.html?to=%2B14155550100`, tab: { id: 7, windowId: 2 } },
  options: { id: OWN_ID, url: `${OWN_ORIGIN}options.html` },
  contentScript: { id: OWN_ID, url: 'https://example.com/contact', tab: { id: 3, windowId: 1 }, frameId: 0 },
  /** A page whose address merely contains our origin. */
  lookalike: { id: OWN_ID, url: `https://evil.example/${OWN_ORIGIN}`, tab: { id: 4 }, frameId: 0 },
  otherExtension: { id: 'someone-else', url: 'chrome-extension://someone-else/page.html' },
  noOne: {},
} satisfies Record<string, MessageSender>;

export const ME = {
  id: 'user_rep1',
  email: 'rep@example.com',
  first_name: 'Dana',
  last_name: 'Rep',
  organizations: [{ id: 'orga_1', name: 'Bayview' }],
};

export const US_NUMBER: PhoneNumber = {
  id: 'phon_us',
  number: '+14155550199',
  number_formatted: '+1 415-555-0199',
  label: 'Sales',
  type: 'internal',
  sms_enabled: true,
  country: 'US',
  supports_sms_to_countries: ['US', 'CA'],
} as PhoneNumber;

export function contact(phone: string, blocked = false, id = 'cont_ana'): Contact {
  return {
    id,
    lead_id: 'lead_aaaaaaaaaaaaaaaaaaaaaaaa',
    name: 'Ana Torres',
    display_name: 'Ana Torres',
    // One zone, as Close derives for a number it can place; 13:00–18:00 UTC is inside quiet hours there.
    phones: [
      { phone, phone_formatted: phone, type: 'mobile', outbound_sms_blocked: blocked, tz_ids: ['America/New_York'] },
    ],
  } as Contact;
}

export function sms(patch: Partial<SmsActivity> = {}): SmsActivity {
  return {
    id: 'acti_1',
    status: 'draft',
    text: 'hello',
    remote_phone: '+14155550100',
    local_phone: US_NUMBER.number,
    date_created: new Date().toISOString(),
    ...patch,
  } as SmsActivity;
}

/** A Close client double: every method a vi.fn, the usual answers preset. */
export function fakeClose(contacts: Contact[] = [contact('+14155550100')]) {
  const client = {
    me: vi.fn(async () => ME),
    phoneNumbers: vi.fn(async () => [US_NUMBER]),
    smsTemplates: vi.fn(async () => [{ id: 'tmpl_1', name: 'Hello', text: 'Hi {{ contact.first_name }}' }]),
    findContactsByPhone: vi.fn(async () => contacts),
    getLead: vi.fn(async (id: string) => ({ id, display_name: 'Bayview Dental', contacts })),
    createSms: vi.fn(async (body: Partial<SmsActivity>) => sms({ id: 'acti_new', ...body })),
    getSms: vi.fn(async (id: string) => sms({ id })),
    updateSms: vi.fn(async (id: string, patch: Partial<SmsActivity>) => sms({ id, ...patch })),
    deleteSms: vi.fn(async () => {}),
    listSms: vi.fn(async (): Promise<{ data: SmsActivity[]; has_more: boolean }> => ({ data: [], has_more: false })),
    iterateSms: vi.fn(async function* (): AsyncGenerator<SmsActivity> {}),
    createLead: vi.fn(),
    blockedPhoneNumbers: vi.fn(async (): Promise<BlockedPhoneNumber[]> => []),
    blockPhoneNumber: vi.fn(async (input: { phone: string; reason: string }) => ({ id: 'bpn_1', ...input })),
  };
  return client as typeof client & CloseClient;
}
