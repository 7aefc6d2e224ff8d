import { useEffect, useReducer } from 'preact/hooks';
import type { Ack } from '@/lib/compliance/compliance-check';
import { recipientClock } from '@/lib/compliance/compose-compliance';
import { composeReducer, composeView, INITIAL_COMPOSE } from '@/lib/compose/compose-state';
import type { SendMode } from '@/lib/compose/send-readiness';
import { ask, type ComposeRequest, type ComposeTarget } from '@/lib/protocol';
import { ErrorNotice } from '../shared/ErrorNotice';
import { ComplianceNotices } from './ComplianceNotices';
import { ComposeActions } from './ComposeActions';
import { MessageInput, OtherNumbers, SenderSelect, TemplatePreview, TemplateSelect } from './ComposeFields';
import { Conversation } from './Conversation';
import { RecipientPanel } from './RecipientPanel';
import { ScheduleControls } from './ScheduleControls';
import { SendOutcome } from './SendOutcome';
import { TextHelpers } from './TextHelpers';
import { draftKey, useComposeDraft } from './use-compose-draft';

export interface ComposeViewProps {
  target: ComposeRequest;
  /** Switch to another number of the same selection. */
  onPick?: (target: ComposeTarget) => void;
  onBack?: () => void;
}

/** The composer: renders lib/compose/compose-state.ts; every rule about what may be sent lives there. */
export function ComposeView({ target, onPick, onBack }: ComposeViewProps) {
  const draft = useComposeDraft(draftKey(target));
  const [state, dispatch] = useReducer(composeReducer, INITIAL_COMPOSE);
  const repZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const view = composeView(state, draft, Date.now(), repZone);
  const { ctx } = state;

  const load = async () => {
    dispatch({ type: 'load' });
    const r = await ask('getComposeContext', target);
    dispatch(r.ok ? { type: 'loaded', ctx: r.value } : { type: 'load-failed', error: r.error });
  };
  // biome-ignore lint/correctness/useExhaustiveDependencies: resolve again only when the target changes
  useEffect(() => void load(), [target.to, target.lead]);

  const submit = async (
    mode: SendMode,
    dateScheduled?: string,
    opts: { acknowledged?: Ack[]; cancelIfReply?: boolean } = {},
  ) => {
    const checked = view.request(mode, dateScheduled, opts.acknowledged);
    if (!checked.ok) {
      const error = checked.error ?? { kind: 'invalid-input' as const, message: checked.message };
      const attempt = { mode, ...(dateScheduled ? { dateScheduled } : {}), cancelIfReply: !!opts.cancelIfReply };
      // Also before the recipient is resolved: a Ctrl+Enter then says why nothing happened.
      dispatch({ type: 'submit-failed', error, attempt });
      return;
    }
    dispatch({
      type: 'submit',
      mode,
      ...(dateScheduled ? { dateScheduled } : {}),
      cancelIfReply: !!opts.cancelIfReply,
    });
    const r = await ask('sendText', opts.cancelIfReply ? { ...checked.request, cancelIfReply: true } : checked.request);
    if (!r.ok) return dispatch({ type: 'submit-failed', error: r.error });
    dispatch({ type: 'submitted', sms: r.value, text: view.template ? view.template.text : draft.text });
    draft.clear();
  };
  // Editable even when the recipient could not be resolved: nothing typed is lost.
  const message = (
    <MessageInput text={draft.text} onInput={draft.setText} disabled={state.busy} onSend={() => void submit('send')} />
  );

  return (
    <section aria-label="Compose" class="compose" data-state={ctx ? 'ready' : state.loadError ? 'failed' : 'loading'}>
      {onBack && (
        <button type="button" class="link" onClick={onBack}>
          ← Numbers on this page
        </button>
      )}
      {onPick && <OtherNumbers numbers={target.others ?? []} onPick={(to) => onPick({ to })} />}
      {!ctx && !state.loadError && <p class="muted">Looking up {target.to ?? target.lead} in Close…</p>}
      {!ctx && state.loadError && <ErrorNotice error={state.loadError} onRetry={() => void load()} />}
      {ctx && (
        <RecipientPanel
          ctx={ctx}
          leadName={ctx.lead?.name ?? state.leadName}
          contactId={state.contactId}
          onContact={(contactId) => dispatch({ type: 'pick-contact', contactId })}
          onLeadCreated={() => void load()}
        />
      )}
      {ctx && (
        <Conversation
          key={state.conversationKey}
          leadId={ctx.lead?.id ?? null}
          phone={ctx.to}
          onLeadName={(name) => dispatch({ type: 'lead-name', name })}
        />
      )}
      {ctx?.to && view.compliance && !view.problem && (
        <ComplianceNotices
          view={view.compliance}
          to={ctx.to}
          disabled={!view.canSubmit}
          onSchedule={(iso) => void submit('schedule', iso)}
          onBlocked={() => void load()}
        />
      )}
      {view.problem && (
        <p role="alert" class="notice error">
          {view.problem}
        </p>
      )}
      {ctx && (
        <SenderSelect
          senders={ctx.senders.senders}
          value={state.from}
          onChange={(number) => dispatch({ type: 'pick-from', number })}
        />
      )}
      {ctx && <TemplateSelect templates={ctx.templates} value={draft.templateId} onChange={draft.setTemplateId} />}
      {view.template ? <TemplatePreview text={view.template.text} /> : message}
      {!view.template && (
        <TextHelpers text={draft.text} footer={ctx?.compliance?.footer ?? null} onText={draft.setText} />
      )}
      {state.actionError && (
        <ErrorNotice
          error={state.actionError}
          leadId={ctx?.lead?.id ?? null}
          {...(state.uncertain ? { onChecked: () => dispatch({ type: 'checked-close' }) } : {})}
          onConfirm={(ack) => {
            dispatch({ type: 'acknowledge', ack });
            const last = state.lastAttempt ?? { mode: 'send' as const };
            void submit(last.mode, last.dateScheduled, {
              acknowledged: [...state.acknowledged, ack],
              cancelIfReply: !!last.cancelIfReply,
            });
          }}
          onScheduleAt={(iso) => void submit('schedule', iso)}
          scheduleLabel={view.compliance?.nextAllowed?.label ?? null}
        />
      )}
      <ComposeActions
        canSubmit={view.canSubmit}
        scheduling={state.scheduling}
        onSend={() => void submit('send')}
        onToggleSchedule={() => dispatch({ type: 'toggle-schedule' })}
        onDraft={() => void submit('draft')}
      />
      {state.scheduling && (
        <ScheduleControls
          disabled={!view.canSubmit}
          recipient={recipientClock(ctx?.compliance ?? null, state.contactId, repZone)}
          onSchedule={(iso, cancelIfReply) => void submit('schedule', iso, { cancelIfReply })}
        />
      )}
      {state.outcome && (
        <SendOutcome
          sms={state.outcome.sms}
          onUndone={() => {
            if (!draft.text && state.outcome) draft.setText(state.outcome.text);
            dispatch({ type: 'undone' });
          }}
        />
      )}
    </section>
  );
}
