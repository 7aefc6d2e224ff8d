/**
 * What the composer asks of Close, answered in the background (the only place with the key), and the send
 * gate: every send, schedule or draft is checked again here with facts fresh from Close — the opt-out on
 * the recipient's phone, the sender allowed for the recipient's country, length, time — whatever the page
 * that asked already checked. Resolution is one Close request when caches are warm.
 */
import { CloseApiError } from '../close/errors';
import type { Lead } from '../close/schemas';
import { type ContactOption, chooseRecipient, sendersFor, toContactOption } from '../compose/compose-context';
import { isOptedOut, sendReadiness } from '../compose/send-readiness';
import { normalizeNumber } from '../phone/normalize-number';
import type { ComposeContext, ComposeTarget, SendRequest, SmsSummary } from '../protocol';
import { toCloseDate } from '../sms/schedule';
import { readSettings, updateSettings } from '../storage';
import { type CloseData, toAccountUser, toSmsSummary } from './close-data';
import type { DeliveryTracker } from './delivery-tracking';
import { type Handlers, NotAllowedError } from './message-gate';

/** Seconds a sent text waits in Close's outbox, so Undo can still stop it. Close allows < 60. */
export const UNDO_WINDOW_SECONDS = 10;

export interface ComposeDeps {
  data: CloseData;
  delivery: DeliveryTracker;
  /** Told of every text created (the reply poller speeds up and may watch for a reply). */
  afterSend?: (req: SendRequest, sms: SmsSummary) => Promise<void>;
  now?: () => number;
}

export function composeHandlers({
  data,
  delivery,
  afterSend,
  now = Date.now,
}: ComposeDeps): Pick<
  Handlers,
  'getComposeContext' | 'getConversation' | 'createLead' | 'sendText' | 'cancelSend' | 'getSms'
> {
  const { close } = data;

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
    const [me, numbers, templates] = await Promise.all([data.getMe(), data.getSmsNumbers(), data.getTemplates()]);
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

  /** The gate: the composer's rules, re-checked against Close as it is now. Throws what the rep must read. */
  async function checkSend(req: SendRequest): Promise<void> {
    const n = normalizeNumber(req.to, 'US');
    if (!n.ok || n.e164 !== req.to) throw new CloseApiError('invalid-input', 'That is not a valid phone number.');
    const [numbers, contacts, templates] = await Promise.all([
      data.getSmsNumbers(),
      close.findContactsByPhone(req.to),
      req.templateId ? data.getTemplates() : Promise.resolve([]),
    ]);
    if (req.templateId && !templates.some((t) => t.id === req.templateId)) {
      throw new NotAllowedError('That template is not one of your active SMS templates.');
    }
    const senders = sendersFor(numbers, n.country, null);
    const verdict = sendReadiness({
      mode: req.mode,
      to: req.to,
      blocked: isOptedOut(contacts.map(toContactOption), req.to),
      senderProblem: senders.problem,
      from: req.from,
      allowedSenders: senders.senders.map((s) => s.number),
      text: req.text,
      hasTemplate: !!req.templateId,
      dateScheduled: req.dateScheduled ?? null,
      now: now(),
    });
    if (!verdict.ok) throw new NotAllowedError(verdict.message);
  }

  async function sendText(req: SendRequest) {
    await checkSend(req);
    const me = await data.getMe();
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
    if (status !== 'draft') await delivery.track(sms.id, status);
    const summary = toSmsSummary(sms);
    if (status !== 'draft') await afterSend?.(req, summary).catch(() => {}); // the text went out regardless
    return summary;
  }

  return {
    getComposeContext: resolve,
    async getConversation(leadId) {
      const [lead, page] = await Promise.all([close.getLead(leadId), close.listSms({ lead_id: leadId, _limit: 20 })]);
      return { leadName: lead.display_name, messages: page.data.map(toSmsSummary) };
    },
    async createLead(input) {
      const lead = await close.createLead({ phone: input.phone, ...(input.name ? { name: input.name } : {}) });
      const contact = lead.contacts[0];
      return { lead: { id: lead.id, name: lead.display_name }, contact: contact ? toContactOption(contact) : null };
    },
    sendText,
    async cancelSend(id) {
      const current = await close.getSms(id);
      if (current.status === 'sent') throw new CloseApiError('bad-request', 'Too late: the text was already sent.');
      if (current.status === 'draft') return toSmsSummary(current);
      return toSmsSummary(await close.updateSms(id, { status: 'draft' }));
    },
    getSms: async (id) => toSmsSummary(await close.getSms(id)),
  };
}

/** For quick edits that send or schedule an existing text: its recipient must not have opted out since. */
export function optOutCheck(data: CloseData) {
  return async (phone: string | null): Promise<string | null> => {
    if (!phone) return 'This text has no recipient number.';
    const contacts = (await data.close.findContactsByPhone(phone)).map(toContactOption);
    return isOptedOut(contacts, phone)
      ? 'This contact has opted out of texts (outbound SMS is blocked in Close). Nothing was sent.'
      : null;
  };
}
