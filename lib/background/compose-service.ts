/**
 * What the composer asks of Close, answered in the background (the only place with the key).
 * Resolution is one Close request when caches are warm: a contact search for a number, or the lead.
 */
import { CloseApiError } from '../close/errors';
import type { Lead } from '../close/schemas';
import { type ContactOption, chooseRecipient, sendersFor, toContactOption } from '../compose/compose-context';
import { normalizeNumber } from '../phone/normalize-number';
import { type ComposeContext, type ComposeTarget, onMessage, type SendRequest } from '../protocol';
import { toCloseDate } from '../sms/schedule';
import { measureSms } from '../sms/segments';
import { readSettings, updateSettings } from '../storage';
import { asResult, close, getMe, getSmsNumbers, getTemplates, toAccountUser, toSmsSummary } from './close-api';
import { trackDelivery } from './delivery-tracking';

/** Seconds a sent text waits in Close's outbox, so Undo can still stop it. Close allows < 60. */
export const UNDO_WINDOW_SECONDS = 10;

async function resolve(target: ComposeTarget): Promise<ComposeContext> {
  const settings = await readSettings();
  let to: string | null = null;
  let country: string | null = null;
  if (target.to) {
    const n = normalizeNumber(target.to, settings.defaultCountry);
    if (!n.ok) throw new CloseApiError('invalid-input', n.error);
    to = n.e164;
    country = n.country;
  }
  const [me, numbers, templates] = await Promise.all([getMe(), getSmsNumbers(), getTemplates()]);
  let lead: Lead | null = null;
  let contacts: ContactOption[] = [];
  if (target.lead) {
    lead = await close.getLead(target.lead);
    contacts = lead.contacts.map(toContactOption);
  } else if (to) {
    contacts = (await close.findContactsByPhone(to)).map(toContactOption);
  }
  const recipient = chooseRecipient(contacts, to);
  if (!to && recipient.phone) {
    to = recipient.phone;
    const n = normalizeNumber(to, settings.defaultCountry);
    country = n.ok ? n.country : null;
  }
  const leadId = lead?.id ?? contacts.find((c) => c.id === recipient.contactId)?.leadId ?? null;
  return {
    user: toAccountUser(me),
    to,
    country,
    lead: leadId ? { id: leadId, name: lead?.display_name ?? null } : null,
    contacts,
    recipient,
    senders: sendersFor(numbers, country, settings.lastFromNumber),
    templates: templates.map((t) => ({ id: t.id, name: t.name, text: t.text ?? '' })),
    defaultCountry: settings.defaultCountry,
  };
}

function checkRequest(req: SendRequest): void {
  if (!req.templateId && !req.text.trim()) throw new CloseApiError('invalid-input', 'Write a message first.');
  if (measureSms(req.text).overLimit) {
    throw new CloseApiError('invalid-input', 'The message is over Close’s 1000-character limit.');
  }
  if (req.mode === 'schedule') {
    const at = req.dateScheduled ? Date.parse(req.dateScheduled) : Number.NaN;
    if (Number.isNaN(at)) throw new CloseApiError('invalid-input', 'Pick a date and time to schedule the text.');
    if (at < Date.now()) throw new CloseApiError('invalid-input', 'That time is in the past. Pick a later one.');
  }
}

async function sendText(req: SendRequest) {
  checkRequest(req);
  const me = await getMe();
  const status = req.mode === 'send' ? 'outbox' : req.mode === 'schedule' ? 'scheduled' : 'draft';
  const sms = await close.createSms({
    status,
    remote_phone: req.to,
    local_phone: req.from,
    user_id: me.id,
    ...(req.leadId ? { lead_id: req.leadId } : {}),
    ...(req.contactId ? { contact_id: req.contactId } : {}),
    ...(req.templateId ? { template_id: req.templateId } : { text: req.text }),
    ...(req.mode === 'send' ? { send_in: UNDO_WINDOW_SECONDS } : {}),
    ...(req.mode === 'schedule' && req.dateScheduled
      ? { date_scheduled: toCloseDate(new Date(req.dateScheduled)) }
      : {}),
  });
  await updateSettings({ lastFromNumber: req.from });
  if (status !== 'draft') await trackDelivery(sms.id);
  return toSmsSummary(sms);
}

export function setupComposeService(): void {
  onMessage('getComposeContext', ({ data }) => asResult(() => resolve(data)));
  onMessage('getConversation', ({ data: leadId }) =>
    asResult(async () => {
      const [lead, page] = await Promise.all([close.getLead(leadId), close.listSms({ lead_id: leadId, _limit: 5 })]);
      return { leadName: lead.display_name, messages: page.data.map(toSmsSummary) };
    }),
  );
  onMessage('createLead', ({ data }) =>
    asResult(async () => {
      const lead = await close.createLead({ phone: data.phone, ...(data.name ? { name: data.name } : {}) });
      const contact = lead.contacts[0];
      return { lead: { id: lead.id, name: lead.display_name }, contact: contact ? toContactOption(contact) : null };
    }),
  );
  onMessage('sendText', ({ data }) => asResult(() => sendText(data)));
  onMessage('cancelSend', ({ data: id }) =>
    asResult(async () => {
      const current = await close.getSms(id);
      if (current.status === 'sent') throw new CloseApiError('bad-request', 'Too late: the text was already sent.');
      if (current.status === 'draft') return toSmsSummary(current);
      return toSmsSummary(await close.updateSms(id, { status: 'draft' }));
    }),
  );
  onMessage('getSms', ({ data: id }) => asResult(async () => toSmsSummary(await close.getSms(id))));
}
