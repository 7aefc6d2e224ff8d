/**
 * What the composer asks of Close, answered in the background (the only place with the key), and the send
 * gate: every send, schedule or draft is checked again here with facts fresh from Close — the opt-out on
 * the recipient's phone, the sender allowed for the recipient's country, length, time — whatever the page
 * that asked already checked. Resolution is one Close request when caches are warm.
 */
import { CloseApiError } from '../close/errors';
import type { Contact, Lead, SmsActivity } from '../close/schemas';
import { type Ack, complianceFindings, type Finding, firstObstacle, usedAcks } from '../compliance/compliance-check';
import { renderFooter } from '../compliance/first-text-footer';
import { type ContactOption, chooseRecipient, sendersFor, toContactOption } from '../compose/compose-context';
import { isOptedOut, sendReadiness } from '../compose/send-readiness';
import { normalizeNumber } from '../phone/normalize-number';
import type { ComposeCompliance, ComposeContext, ComposeTarget, SendRequest, SmsSummary } from '../protocol';
import type { Settings } from '../settings/settings';
import type { GateRefusal } from '../sms/edit-queued';
import { toCloseDate } from '../sms/schedule';
import { complianceLogItem, logComplianceOverride, readSettings, updateSettings } from '../storage';
import { type CloseData, toAccountUser, toSmsSummary } from './close-data';
import type { ComplianceSources, FactsInput } from './compliance-facts';
import type { DeliveryTracker } from './delivery-tracking';
import { type Handlers, NotAllowedError } from './message-gate';

/** Seconds a sent text waits in Close's outbox, so Undo can still stop it. Close allows < 60. */
export const UNDO_WINDOW_SECONDS = 10;

export interface ComposeDeps {
  data: CloseData;
  delivery: DeliveryTracker;
  compliance: ComplianceSources;
  /** Told of every text created (the reply poller speeds up and may watch for a reply). */
  afterSend?: (req: SendRequest, sms: SmsSummary) => Promise<void>;
  now?: () => number;
}

export function composeHandlers({
  data,
  delivery,
  compliance,
  afterSend,
  now = Date.now,
}: ComposeDeps): Pick<
  Handlers,
  | 'getComposeContext'
  | 'getConversation'
  | 'createLead'
  | 'sendText'
  | 'cancelSend'
  | 'getSms'
  | 'blockNumber'
  | 'getComplianceLog'
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
    let raw: Contact[] = [];
    if (target.lead) {
      lead = await close.getLead(target.lead);
      raw = lead.contacts;
    } else if (to) {
      raw = await close.findContactsByPhone(to);
    }
    const contacts: ContactOption[] = raw.map(toContactOption);
    const recipient = chooseRecipient(contacts, to);
    if (!to && recipient.phone) {
      to = recipient.phone;
      const n = normalizeNumber(to, settings.defaultCountry);
      country = n.ok ? n.country : null;
    }
    const leadId = lead?.id ?? contacts.find((c) => c.id === recipient.contactId)?.leadId ?? null;
    const factsInput = to ? { to, contactId: recipient.contactId, leadId, contacts: raw, lead, settings } : null;
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
      compliance: factsInput
        ? await composeCompliance(factsInput, toAccountUser(me).name, me.organizations[0]?.name)
        : null,
    };
  }

  async function composeCompliance(input: FactsInput, rep: string, org = ''): Promise<ComposeCompliance> {
    const [facts, zones] = await Promise.all([compliance.facts(input), compliance.zonesFor(input)]);
    const { enabled, template } = input.settings.firstTextFooter;
    const firstName = rep.split(' ')[0] ?? rep;
    return {
      facts,
      zones,
      footer: enabled && facts.firstText ? renderFooter(template, { rep: firstName, org }) : null,
    };
  }

  /**
   * The compliance half of the gate, on facts fetched now: blocks refuse; any other finding refuses until the
   * rep acknowledged it by name. Returns what was acknowledged and needed, for the log.
   */
  async function checkCompliance(req: SendRequest, contacts: Contact[], settings: Settings): Promise<Finding[]> {
    const facts = await compliance.facts({
      to: req.to,
      contactId: req.contactId,
      leadId: req.leadId,
      contacts,
      settings,
    });
    const nowIso = new Date(now()).toISOString();
    const at = req.mode === 'schedule' && req.dateScheduled ? new Date(req.dateScheduled).toISOString() : nowIso;
    const findings = complianceFindings(facts, { mode: req.mode, at, now: nowIso });
    const obstacle = firstObstacle(findings, req.acknowledged ?? []);
    if (obstacle) throw refusal(obstacle);
    return findings;
  }

  /** The gate: the composer's rules, re-checked against Close as it is now. Throws what the rep must read. */
  async function checkSend(req: SendRequest): Promise<Finding[]> {
    const n = normalizeNumber(req.to, 'US');
    if (!n.ok || n.e164 !== req.to) throw new CloseApiError('invalid-input', 'That is not a valid phone number.');
    const [numbers, contacts, templates, settings] = await Promise.all([
      data.getSmsNumbers(),
      close.findContactsByPhone(req.to),
      req.templateId ? data.getTemplates() : Promise.resolve([]),
      readSettings(),
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
    return checkCompliance(req, contacts, settings);
  }

  async function sendText(req: SendRequest) {
    const findings = await checkSend(req);
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
    const acknowledged = usedAcks(findings, req.acknowledged ?? []);
    if (acknowledged.length > 0) {
      await logComplianceOverride({
        at: new Date(now()).toISOString(),
        smsId: sms.id,
        to: req.to,
        leadId: req.leadId,
        userId: me.id,
        acknowledged,
        findings: findings.filter((f) => acknowledged.includes(f.kind as Ack)).map((f) => f.message),
        // The text is in Close already: a failed log write must not look like a failed send (a retry would
        // text them twice).
      }).catch((e) => console.error('[close-sms] compliance log write failed', e));
    }
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
    async blockNumber({ phone, reason }) {
      await compliance.block(phone, reason);
      return null;
    },
    getComplianceLog: () => complianceLogItem.getValue(),
  };
}

/** A finding as the error the rep reads: with the acknowledgement to offer and, for quiet hours, the next time. */
export function refusal(f: Finding): NotAllowedError {
  if (f.kind === 'blocked') return new NotAllowedError(f.message);
  return new NotAllowedError(f.message, {
    confirm: { ack: f.kind, label: f.confirm },
    ...(f.nextAllowed !== undefined ? { nextAllowed: f.nextAllowed } : {}),
  });
}

/**
 * The gate for quick edits that send or (re)schedule an existing text: the same compliance rules as sendText,
 * on facts fetched now, at the instant the text would arrive. Its own scheduled text is not a "double text".
 */
export function quickEditGate(data: CloseData, compliance: ComplianceSources) {
  return async (sms: SmsActivity, at: string, acknowledged: readonly Ack[]): Promise<GateRefusal | null> => {
    const to = sms.remote_phone;
    if (!to) return { message: 'This text has no recipient number.' };
    const [contacts, settings] = await Promise.all([data.close.findContactsByPhone(to), readSettings()]);
    const facts = await compliance.facts({
      to,
      contactId: sms.contact_id ?? null,
      leadId: sms.lead_id ?? null,
      contacts,
      settings,
    });
    const mode = Date.parse(at) - Date.now() > 60_000 ? 'schedule' : 'send';
    const findings = complianceFindings(facts, { mode, at, now: new Date().toISOString(), excludeSmsId: sms.id });
    const obstacle = firstObstacle(findings, acknowledged);
    if (!obstacle) return null;
    const info = refusal(obstacle);
    return {
      message: `${info.message} Nothing was changed.`,
      ...(info.extra.confirm ? { confirm: info.extra.confirm } : {}),
    };
  };
}
