import { describe, expect, it } from 'vitest';
import type { PhoneNumber } from '../close/schemas';
import { type ContactOption, chooseRecipient, sendersFor } from './compose-context';

const ana: ContactOption = {
  id: 'cont_ana',
  leadId: 'lead_x',
  name: 'Ana',
  phones: [
    { phone: '+14156667777', formatted: '+1 415-666-7777', type: 'mobile', blocked: false },
    { phone: '+14156660000', formatted: '+1 415-666-0000', type: 'office', blocked: true },
  ],
};
const bob: ContactOption = {
  id: 'cont_bob',
  leadId: 'lead_x',
  name: 'Bob',
  phones: [{ phone: '+14156661111', formatted: '+1 415-666-1111', type: 'mobile', blocked: true }],
};

describe('chooseRecipient', () => {
  it.each([
    [
      'the contact owning the number',
      [ana, bob],
      '+14156661111',
      { contactId: 'cont_bob', phone: '+14156661111', blocked: true },
    ],
    ['a number nobody owns', [ana], '+14155550000', { contactId: null, phone: '+14155550000', blocked: false }],
    [
      'no number: first textable phone',
      [bob, ana],
      null,
      { contactId: 'cont_bob', phone: '+14156661111', blocked: true },
    ],
    [
      'no number: skips blocked phones of a contact',
      [ana],
      null,
      { contactId: 'cont_ana', phone: '+14156667777', blocked: false },
    ],
    ['nothing at all', [], null, { contactId: null, phone: null, blocked: false }],
  ])('%s', (_name, contacts, to, expected) => {
    expect(chooseRecipient(contacts, to)).toEqual(expected);
  });
});

function number(patch: Partial<PhoneNumber>): PhoneNumber {
  return {
    id: 'phon_1',
    number: '+14156660100',
    number_formatted: '+1 415-666-0100',
    label: 'Sales US',
    type: 'internal',
    sms_enabled: true,
    supports_sms_to_countries: ['US', 'CA'],
    ...patch,
  } as PhoneNumber;
}

describe('sendersFor', () => {
  const us = number({});
  const gb = number({ id: 'phon_2', number: '+442079460100', label: 'UK', supports_sms_to_countries: ['GB'] });
  const voice = number({ id: 'phon_3', number: '+14156660199', sms_enabled: false });
  const external = number({ id: 'phon_4', number: '+14156660198', type: 'external' });

  it('keeps only Close SMS numbers that reach the recipient country', () => {
    const r = sendersFor([us, gb, voice, external], 'GB', null);
    expect(r.senders.map((s) => s.number)).toEqual(['+442079460100']);
    expect(r.preferred).toBe('+442079460100');
    expect(r.problem).toBeNull();
  });

  it('remembers the last number used when it still fits', () => {
    const us2 = number({ id: 'phon_5', number: '+14156660101' });
    expect(sendersFor([us, us2], 'US', '+14156660101').preferred).toBe('+14156660101');
    expect(sendersFor([us, us2], 'US', '+442079460100').preferred).toBe('+14156660100');
  });

  it('explains international SMS', () => {
    expect(sendersFor([us], 'DE', null).problem).toMatch(/can text DE numbers — Close doesn't send international SMS/);
  });

  it('explains having no SMS number at all', () => {
    expect(sendersFor([voice, external], 'US', null).problem).toMatch(/no Close number that can send SMS/);
  });
});
