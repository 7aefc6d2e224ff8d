import { closeId } from './ids';

/**
 * The seeded organization, by name, so tests and the demo can say `SEED.contacts.ben` instead of copying ids.
 * Ids are deterministic (a hash of kind and name), so they survive restarts of the stand-in.
 */
export const SEED = {
  apiKey: 'demo_close_api_key',
  organization: { id: closeId('orga', 'northwind'), name: 'Northwind Solar' },
  user: {
    id: closeId('user', 'maya'),
    firstName: 'Maya',
    lastName: 'Okafor',
    email: 'maya.okafor@northwind-solar.example',
    timezone: 'America/Los_Angeles',
  },
  leadStatus: { id: closeId('stat', 'potential'), label: 'Potential' },
  phoneNumbers: {
    /** Internal, SMS to US and CA. The sender for every US/CA contact. */
    us: { id: closeId('phon', 'us-sms'), number: '+14156660100' },
    /** Internal, SMS to GB only. */
    gb: { id: closeId('phon', 'gb-sms'), number: '+442079460100' },
    /** Internal but voice only (`sms_enabled: false`): never a valid `local_phone`. */
    voiceOnly: { id: closeId('phon', 'us-voice'), number: '+14156660199' },
  },
  leads: {
    bayview: { id: closeId('lead', 'bayview'), name: 'Bayview Dental' },
    harbor: { id: closeId('lead', 'harbor'), name: 'Harbor Logistics' },
    sunset: { id: closeId('lead', 'sunset'), name: 'Sunset Bakery' },
    thames: { id: closeId('lead', 'thames'), name: 'Thames Analytics Ltd' },
    berlin: { id: closeId('lead', 'berlin'), name: 'Berliner Werkstatt GmbH' },
    maple: { id: closeId('lead', 'maple'), name: 'Maple Leaf Outfitters' },
  },
  contacts: {
    /** US mobile; sends succeed. */
    ana: { id: closeId('cont', 'ana'), lead: 'bayview', name: 'Ana Torres', phone: '+16506660123' },
    /** US mobile on the same lead as Ana; has a draft. */
    raj: { id: closeId('cont', 'raj'), lead: 'bayview', name: 'Raj Patel', phone: '+16506660124' },
    /** US mobile with `outbound_sms_blocked: true`: sends end in `error`. */
    ben: { id: closeId('cont', 'ben'), lead: 'harbor', name: 'Ben Carter', phone: '+13126660143' },
    /** US landline: sends end in `error` ("… is a landline and cannot receive SMS."). */
    carla: { id: closeId('cont', 'carla'), lead: 'sunset', name: 'Carla Mendes', phone: '+12126660177' },
    /** GB mobile; must be sent from the GB number. */
    oliver: { id: closeId('cont', 'oliver'), lead: 'thames', name: 'Oliver Hughes', phone: '+447400123456' },
    /** DE mobile; no number of the org can text Germany, so sending is refused with a `local_phone` error. */
    lena: { id: closeId('cont', 'lena'), lead: 'berlin', name: 'Lena Schmidt', phone: '+4915123456789' },
    /** CA number; the US number supports CA. */
    chloe: { id: closeId('cont', 'chloe'), lead: 'maple', name: 'Chloé Tremblay', phone: '+16136660142' },
  },
  templates: {
    intro: {
      id: closeId('smstmpl', 'intro'),
      name: 'Intro',
      text: 'Hi {{ contact.first_name }}, this is {{ user.first_name }} from Northwind Solar. Reply STOP to opt out.',
    },
    followUp: {
      id: closeId('smstmpl', 'follow-up'),
      name: 'Quote follow-up',
      text: 'Hi {{ contact.name }}, any questions about the quote for {{ lead.display_name }}?',
    },
    /** Archived: listed by GET /sms_template/, refused as `template_id`. */
    archived: {
      id: closeId('smstmpl', 'spring-promo'),
      name: 'Spring promo (old)',
      text: 'Spring promo for {{ lead.display_name }}: 10% off panels!',
    },
  },
  sms: {
    sent: {
      id: closeId('acti', 'sms-sent'),
      text: 'Hi Ana, thanks for your time today. Here is the quote we discussed.',
    },
    inbox: { id: closeId('acti', 'sms-inbox'), text: 'Sounds good, can we talk Thursday?' },
    draft: { id: closeId('acti', 'sms-draft'), text: 'Hi Raj, quick follow-up on the cleaning contract.' },
    scheduled: {
      id: closeId('acti', 'sms-scheduled'),
      text: 'Hi Oliver, a reminder about our call tomorrow at 10:00.',
    },
    error: { id: closeId('acti', 'sms-error'), text: 'Hi Carla, your panel order is ready.' },
  },
} as const;

export type SeedContactKey = keyof typeof SEED.contacts;
export type SeedLeadKey = keyof typeof SEED.leads;

/** The phones and records of a text from the rep's US number to Ana (Bayview Dental), for tests to build on. */
export const SMS_TO_ANA = {
  lead_id: SEED.leads.bayview.id,
  contact_id: SEED.contacts.ana.id,
  remote_phone: SEED.contacts.ana.phone,
  local_phone: SEED.phoneNumbers.us.number,
} as const;
