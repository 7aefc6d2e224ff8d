import { useEffect, useRef, useState } from 'preact/hooks';
import type { ComposeContext, ComposeRequest, ComposeTarget, ErrorInfo, SendRequest, SmsSummary } from '@/lib/protocol';
import { sendMessage } from '@/lib/protocol';
import { measureSms } from '@/lib/sms/segments';
import { Conversation } from './Conversation';
import { ErrorNotice } from './ErrorNotice';
import { MessageCounter } from './MessageCounter';
import { RecipientPanel } from './RecipientPanel';
import { ScheduleControls } from './ScheduleControls';
import { SendOutcome } from './SendOutcome';
import { draftKey, useComposeDraft } from './use-compose-draft';

export interface ComposeViewProps {
  target: ComposeRequest;
  /** Switch to another number of the same selection. */
  onPick?: (target: ComposeTarget) => void;
  onBack?: () => void;
}

const isMac = typeof navigator !== 'undefined' && /Mac/.test(navigator.platform);

export function ComposeView({ target, onPick, onBack }: ComposeViewProps) {
  const draft = useComposeDraft(draftKey(target));
  const [ctx, setCtx] = useState<ComposeContext | null>(null);
  const [loadError, setLoadError] = useState<ErrorInfo | null>(null);
  const [contactId, setContactId] = useState<string | null>(null);
  const [from, setFrom] = useState<string>('');
  const [busy, setBusy] = useState(false);
  const [actionError, setActionError] = useState<ErrorInfo | null>(null);
  const [outcome, setOutcome] = useState<{ sms: SmsSummary; text: string } | null>(null);
  const [scheduling, setScheduling] = useState(false);
  const [conversationKey, setConversationKey] = useState(0);
  const [leadName, setLeadName] = useState<string | null>(null);
  const textRef = useRef<HTMLTextAreaElement>(null);

  const load = async () => {
    setLoadError(null);
    const r = await sendMessage('getComposeContext', target);
    if (!r.ok) {
      setLoadError(r.error);
      return;
    }
    setCtx(r.value);
    setContactId(r.value.recipient.contactId);
    setFrom(r.value.senders.preferred ?? '');
  };
  // biome-ignore lint/correctness/useExhaustiveDependencies: resolve again only when the target changes
  useEffect(() => {
    void load();
  }, [target.to, target.lead]);

  const template = ctx?.templates.find((t) => t.id === draft.templateId) ?? null;
  const text = draft.text;
  const tooLong = measureSms(text).overLimit;
  const blocked = ctx?.recipient.blocked === true;
  const problem = !ctx
    ? null
    : !ctx.to
      ? 'This lead has no phone number to text.'
      : blocked
        ? 'This contact has opted out of texts (outbound SMS is blocked in Close), so the extension will not send.'
        : ctx.senders.problem;
  const canSubmit = !!ctx?.to && !problem && !!from && !busy && (!!template || !!text.trim()) && !tooLong;

  const submit = async (mode: SendRequest['mode'], dateScheduled?: string) => {
    if (!ctx?.to || !canSubmit) return;
    setBusy(true);
    setActionError(null);
    const contact = ctx.contacts.find((c) => c.id === contactId);
    const r = await sendMessage('sendText', {
      mode,
      to: ctx.to,
      from,
      leadId: contact?.leadId ?? ctx.lead?.id ?? null,
      contactId: contactId,
      text: template ? '' : text,
      templateId: template?.id ?? null,
      ...(dateScheduled ? { dateScheduled } : {}),
    });
    setBusy(false);
    if (!r.ok) {
      setActionError(r.error);
      return;
    }
    setOutcome({ sms: r.value, text: template ? template.text : text });
    setScheduling(false);
    draft.clear();
    setConversationKey((k) => k + 1);
  };

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      void submit('send');
    }
  };

  if (loadError && !ctx) {
    return (
      <section aria-label="Compose">
        <TextArea refEl={textRef} text={text} onInput={draft.setText} onKeyDown={onKeyDown} disabled={false} />
        <ErrorNotice error={loadError} onRetry={() => void load()} />
        {onBack && (
          <button type="button" onClick={onBack}>
            Back
          </button>
        )}
      </section>
    );
  }

  return (
    <section aria-label="Compose" class="compose">
      {onBack && (
        <button type="button" class="link" onClick={onBack}>
          ← Numbers on this page
        </button>
      )}
      {target.others?.length && onPick ? (
        <p class="others">
          Also in your selection:{' '}
          {target.others.map((n) => (
            <button key={n} type="button" onClick={() => onPick({ to: n })}>
              {n}
            </button>
          ))}
        </p>
      ) : null}
      {!ctx && <p class="muted">Looking up {target.to ?? target.lead} in Close…</p>}
      {ctx && (
        <RecipientPanel
          ctx={ctx}
          leadName={ctx.lead?.name ?? leadName}
          contactId={contactId}
          onContact={setContactId}
          onLeadCreated={() => void load()}
        />
      )}
      {ctx?.lead && <Conversation key={conversationKey} leadId={ctx.lead.id} onLeadName={setLeadName} />}
      {problem && (
        <p role="alert" class="notice error">
          {problem}
        </p>
      )}
      {ctx && ctx.senders.senders.length > 0 && (
        <>
          <label for="from">From</label>
          <select id="from" value={from} onChange={(e) => setFrom(e.currentTarget.value)}>
            {ctx.senders.senders.map((s) => (
              <option key={s.number} value={s.number}>
                {s.label === s.formatted ? s.formatted : `${s.label} (${s.formatted})`}
              </option>
            ))}
          </select>
        </>
      )}
      {ctx && ctx.templates.length > 0 && (
        <>
          <label for="template">Template</label>
          <select
            id="template"
            value={draft.templateId ?? ''}
            onChange={(e) => draft.setTemplateId(e.currentTarget.value || null)}
          >
            <option value="">No template</option>
            {ctx.templates.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
          </select>
        </>
      )}
      {template ? (
        <div>
          <p class="label">Message (template preview — Close fills in the names)</p>
          <output class="preview" aria-label="Template preview">
            {template.text}
          </output>
        </div>
      ) : (
        <TextArea refEl={textRef} text={text} onInput={draft.setText} onKeyDown={onKeyDown} disabled={busy} />
      )}
      {!template && <MessageCounter id="counter" text={text} />}
      {actionError && <ErrorNotice error={actionError} />}
      <div class="actions">
        <button
          type="button"
          class="primary"
          disabled={!canSubmit}
          onClick={() => void submit('send')}
          title={`Send (${isMac ? '⌘' : 'Ctrl'}+Enter)`}
        >
          Send
        </button>
        <button
          type="button"
          disabled={!canSubmit}
          aria-expanded={scheduling}
          onClick={() => setScheduling(!scheduling)}
        >
          Schedule…
        </button>
        <button type="button" disabled={!canSubmit} onClick={() => void submit('draft')}>
          Save draft
        </button>
      </div>
      {scheduling && <ScheduleControls disabled={!canSubmit} onSchedule={(iso) => void submit('schedule', iso)} />}
      {outcome && (
        <SendOutcome
          sms={outcome.sms}
          onUndone={() => {
            if (!draft.text) draft.setText(outcome.text);
            setOutcome(null);
            setConversationKey((k) => k + 1);
          }}
        />
      )}
    </section>
  );
}

interface TextAreaProps {
  refEl: { current: HTMLTextAreaElement | null };
  text: string;
  disabled: boolean;
  onInput(value: string): void;
  onKeyDown(e: KeyboardEvent): void;
}

function TextArea({ refEl, text, disabled, onInput, onKeyDown }: TextAreaProps) {
  return (
    <>
      <label for="message">Message</label>
      <textarea
        id="message"
        ref={refEl}
        rows={5}
        value={text}
        disabled={disabled}
        aria-describedby="counter"
        onInput={(e) => onInput(e.currentTarget.value)}
        onKeyDown={onKeyDown}
      />
    </>
  );
}
