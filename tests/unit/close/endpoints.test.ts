// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { SEED } from '../../stand-in/server';
import { eventually, failure, requestsTo, standInPerFile } from './with-stand-in';

const h = standInPerFile();
const { contacts, leads, phoneNumbers, templates, user } = SEED;

describe('me', () => {
  it('reads the user and organization, asking only for the fields it needs', async () => {
    const me = await h.client.me();
    expect(me).toMatchObject({
      id: user.id,
      first_name: 'Maya',
      last_name: 'Okafor',
      email: user.email,
      last_used_timezone: 'America/Los_Angeles',
      organizations: [{ id: SEED.organization.id, name: SEED.organization.name }],
    });
    expect(requestsTo(h.standIn, 'GET', 'me/')[0]?.query._fields).toContain('organizations');
  });
});

describe('phone numbers', () => {
  it('lists every number the user takes part in', async () => {
    const all = await h.client.phoneNumbers(user.id);
    expect(all.map((number) => number.number).sort()).toEqual(
      [phoneNumbers.us.number, phoneNumbers.gb.number, phoneNumbers.voiceOnly.number].sort(),
    );
    expect(requestsTo(h.standIn, 'GET', 'phone_number/')[0]?.query.participant_user_id).toBe(user.id);
  });

  it('keeps only internal, SMS-enabled numbers for sending', async () => {
    const usable = await h.client.smsPhoneNumbers(user.id);
    expect(usable.map((number) => number.id).sort()).toEqual([phoneNumbers.us.id, phoneNumbers.gb.id].sort());
    expect(usable.find((number) => number.id === phoneNumbers.us.id)?.supports_sms_to_countries).toEqual(['US', 'CA']);
  });

  it('drops non-internal numbers', async () => {
    const gb = h.standIn.state.phoneNumbers.find((number) => number.id === phoneNumbers.gb.id);
    if (gb) gb.type = 'external';
    const usable = await h.client.smsPhoneNumbers(user.id);
    expect(usable.map((number) => number.id)).toEqual([phoneNumbers.us.id]);
  });
});

describe('templates', () => {
  it('returns active templates only', async () => {
    const list = await h.client.smsTemplates();
    expect(list.map((template) => template.id).sort()).toEqual([templates.intro.id, templates.followUp.id].sort());
  });

  it('reads every page', async () => {
    const base = h.standIn.state.templates.get(templates.intro.id);
    if (!base) throw new Error('seed changed');
    for (let index = 0; index < 120; index++) {
      const id = `smstmpl_extra${index}`;
      h.standIn.state.templates.set(id, { ...base, id, name: `Extra ${index}` });
    }
    const list = await h.client.smsTemplates();
    expect(list).toHaveLength(122);
    expect(requestsTo(h.standIn, 'GET', 'sms_template/').map((request) => request.query._skip)).toEqual(['0', '100']);
  });
});

describe('leads and contacts', () => {
  it('gets a lead with its contacts and phones', async () => {
    const lead = await h.client.getLead(leads.bayview.id);
    expect(lead).toMatchObject({ id: leads.bayview.id, display_name: 'Bayview Dental' });
    expect(lead.contacts.map((contact) => contact.id).sort()).toEqual([contacts.ana.id, contacts.raj.id].sort());
    expect(lead.contacts.find((contact) => contact.id === contacts.ana.id)?.phones[0]).toMatchObject({
      phone: contacts.ana.phone,
      type: 'mobile',
      outbound_sms_blocked: false,
    });
  });

  it('adds requested fields to the ones it needs', async () => {
    const lead = await h.client.getLead(leads.bayview.id, ['html_url']);
    expect(lead.html_url).toBe(`https://app.close.com/lead/${leads.bayview.id}/`);
    expect(requestsTo(h.standIn, 'GET', `lead/${leads.bayview.id}/`)[0]?.query._fields).toBe(
      'id,display_name,name,contacts,addresses,html_url',
    );
  });

  it('finds contacts by phone through data search', async () => {
    const found = await h.client.findContactsByPhone(contacts.ben.phone);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ id: contacts.ben.id, lead_id: leads.harbor.id, name: 'Ben Carter' });
    expect(found[0]?.phones[0]?.outbound_sms_blocked).toBe(true);
  });

  it('finds nobody for an unknown number', async () => {
    await expect(h.client.findContactsByPhone('+16505550000')).resolves.toEqual([]);
  });

  it('creates a lead with one contact and phone', async () => {
    const lead = await h.client.createLead({ name: 'Acme Roofing', contactName: 'Dana Wu', phone: '+16505550111' });
    expect(lead).toMatchObject({ display_name: 'Acme Roofing' });
    expect(lead.contacts).toHaveLength(1);
    expect(lead.contacts[0]).toMatchObject({ name: 'Dana Wu', phones: [{ phone: '+16505550111' }] });
    expect(h.standIn.state.leads.get(lead.id)?.name).toBe('Acme Roofing');
    const found = await h.client.findContactsByPhone('+16505550111');
    expect(found.map((contact) => contact.lead_id)).toEqual([lead.id]);
  });

  it('creates a lead from a phone alone', async () => {
    const lead = await h.client.createLead({ phone: '+16505550112' });
    expect(lead.contacts[0]?.phones[0]?.phone).toBe('+16505550112');
  });
});

describe('SMS', () => {
  it('lists SMS of a lead', async () => {
    const page = await h.client.listSms({ lead_id: leads.bayview.id });
    expect(page.has_more).toBe(false);
    expect(page.data.map((sms) => sms.id).sort()).toEqual(
      [SEED.sms.sent.id, SEED.sms.inbox.id, SEED.sms.draft.id].sort(),
    );
  });

  it('sends the filters and always asks for the fields it needs', async () => {
    await h.client.listSms({ contact_id: contacts.ana.id, _fields: ['text'], _limit: 5, _skip: 0 });
    const request = requestsTo(h.standIn, 'GET', 'activity/sms/')[0];
    expect(request?.query).toEqual({
      contact_id: contacts.ana.id,
      _fields: 'id,status,date_created,text',
      _limit: '5',
      _skip: '0',
    });
  });

  it('follows pages while has_more', async () => {
    for (let index = 0; index < 7; index++) {
      await h.client.createSms({
        status: 'sent',
        text: `Logged ${index}`,
        lead_id: leads.bayview.id,
        contact_id: contacts.ana.id,
        remote_phone: contacts.ana.phone,
        local_phone: phoneNumbers.us.number,
      });
    }
    const seen: string[] = [];
    for await (const sms of h.client.iterateSms({ lead_id: leads.bayview.id, _limit: 3 })) seen.push(sms.id);
    expect(seen).toHaveLength(10);
    expect(new Set(seen).size).toBe(10);
    const skips = requestsTo(h.standIn, 'GET', 'activity/sms/').map((request) => request.query._skip);
    expect(skips).toEqual(['0', '3', '6', '9']);
  });

  it('creates a draft, edits it, sends it and sees it sent', async () => {
    const draft = await h.client.createSms({
      status: 'draft',
      text: 'Hi Ana, draft one',
      lead_id: leads.bayview.id,
      contact_id: contacts.ana.id,
      remote_phone: contacts.ana.phone,
      local_phone: phoneNumbers.us.number,
    });
    expect(draft).toMatchObject({ status: 'draft', direction: 'outbound', remote_phone: contacts.ana.phone });
    const edited = await h.client.updateSms(draft.id, { text: 'Hi Ana, draft two' });
    expect(edited.text).toBe('Hi Ana, draft two');
    const sending = await h.client.updateSms(draft.id, { status: 'outbox' });
    expect(sending.status).toBe('outbox');
    await eventually(() => h.standIn.state.sms.get(draft.id)?.status === 'sent');
    await expect(h.client.getSms(draft.id)).resolves.toMatchObject({ status: 'sent', text: 'Hi Ana, draft two' });
  });

  it('renders a template on create', async () => {
    const sms = await h.client.createSms({
      status: 'draft',
      template_id: templates.intro.id,
      lead_id: leads.bayview.id,
      contact_id: contacts.ana.id,
      remote_phone: contacts.ana.phone,
      local_phone: phoneNumbers.us.number,
    });
    expect(sms.template_id).toBe(templates.intro.id);
    expect(sms.text).toMatch(/^Hi Ana, this is Maya/);
  });

  it('schedules a text with date_scheduled', async () => {
    const when = new Date(Date.now() + 86_400_000).toISOString();
    const sms = await h.client.createSms({
      status: 'scheduled',
      date_scheduled: when,
      text: 'Tomorrow then',
      lead_id: leads.bayview.id,
      contact_id: contacts.ana.id,
      remote_phone: contacts.ana.phone,
      local_phone: phoneNumbers.us.number,
    });
    expect(sms.status).toBe('scheduled');
    expect(Date.parse(sms.date_scheduled ?? '')).toBe(Date.parse(when));
  });

  it('cancels a scheduled text back to draft and deletes it', async () => {
    const cancelled = await h.client.updateSms(SEED.sms.scheduled.id, { status: 'draft' });
    expect(cancelled.status).toBe('draft');
    await h.client.deleteSms(SEED.sms.scheduled.id);
    expect(h.standIn.state.sms.has(SEED.sms.scheduled.id)).toBe(false);
    expect((await failure(h.client.getSms(SEED.sms.scheduled.id))).kind).toBe('not-found');
  });

  it('sends right away with an undo window', async () => {
    const sms = await h.client.createSms({
      status: 'outbox',
      send_in: 5,
      text: 'Undo me',
      lead_id: leads.bayview.id,
      contact_id: contacts.ana.id,
      remote_phone: contacts.ana.phone,
      local_phone: phoneNumbers.us.number,
    });
    expect(sms.status).toBe('outbox');
  });
});
