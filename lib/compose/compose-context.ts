/**
 * Pure decisions behind the composer: which contact and phone a target is, whether Close lets us text it,
 * and which of the rep's numbers may send to it. Kept apart from I/O so each rule has a table test.
 */
import type { Contact, PhoneNumber } from '../close/schemas';

export interface ContactOption {
  id: string;
  leadId: string | null;
  name: string;
  phones: { phone: string; formatted: string; type: string; blocked: boolean }[];
}

export interface SenderOption {
  number: string;
  formatted: string;
  label: string;
}

export function toContactOption(c: Contact): ContactOption {
  return {
    id: c.id,
    leadId: c.lead_id ?? null,
    name: c.display_name || c.name || 'Unnamed contact',
    phones: c.phones.map((p) => ({
      phone: p.phone,
      formatted: p.phone_formatted || p.phone,
      type: p.type,
      blocked: p.outbound_sms_blocked === true,
    })),
  };
}

export interface ChosenRecipient {
  contactId: string | null;
  phone: string | null;
  blocked: boolean;
}

/**
 * The contact that owns `to` (when given) or the first contact with a phone that can be texted.
 * A number that belongs to several contacts picks the first: the rep can switch in the composer.
 */
export function chooseRecipient(contacts: ContactOption[], to: string | null): ChosenRecipient {
  if (to) {
    for (const c of contacts) {
      const p = c.phones.find((ph) => ph.phone === to);
      if (p) return { contactId: c.id, phone: to, blocked: p.blocked };
    }
    return { contactId: null, phone: to, blocked: false };
  }
  for (const c of contacts) {
    const p = c.phones.find((ph) => !ph.blocked) ?? c.phones[0];
    if (p) return { contactId: c.id, phone: p.phone, blocked: p.blocked };
  }
  return { contactId: null, phone: null, blocked: false };
}

export interface SenderChoice {
  senders: SenderOption[];
  /** Why there is nothing to send from, in plain words; null when there is. */
  problem: string | null;
  preferred: string | null;
}

/** Close sends SMS only from its own numbers in the recipient's country: no international SMS. */
export function sendersFor(
  numbers: PhoneNumber[],
  recipientCountry: string | null,
  lastUsed: string | null,
): SenderChoice {
  const capable = numbers.filter((n) => n.type === 'internal' && n.sms_enabled);
  if (!capable.length) {
    return {
      senders: [],
      problem: 'You have no Close number that can send SMS. Add one in Close first.',
      preferred: null,
    };
  }
  const fitting = recipientCountry
    ? capable.filter((n) => n.supports_sms_to_countries.includes(recipientCountry))
    : capable;
  const senders = fitting.map((n) => ({
    number: n.number,
    formatted: n.number_formatted || n.number,
    label: n.label || n.number_formatted || n.number,
  }));
  if (!senders.length) {
    return {
      senders,
      problem: `None of your Close numbers can text ${recipientCountry} numbers — Close doesn't send international SMS.`,
      preferred: null,
    };
  }
  const preferred = senders.find((s) => s.number === lastUsed)?.number ?? senders[0]?.number ?? null;
  return { senders, problem: null, preferred };
}
