import { useEffect, useRef, useState } from 'preact/hooks';
import type { Ack } from '@/lib/compliance/compliance-check';
import { theirTime } from '@/lib/compliance/compose-compliance';
import { zonesToRespect } from '@/lib/compliance/recipient-zone';
import { ask, type ErrorInfo, type QueueRow } from '@/lib/protocol';
import { actionsFor, type QueueEdit } from '@/lib/sms/edit-queued';
import { parseScheduleInput, toLocalInputValue } from '@/lib/sms/schedule';
import { ErrorNotice } from '../shared/ErrorNotice';
import { MessageCounter } from './MessageCounter';

export interface QueueEditorProps {
  row: QueueRow;
  onDone(result: { ok: boolean; message: string; row: QueueRow | null }): void;
  onClose(): void;
}

/** Inline edit of one queued text. Ctrl/Cmd+Enter saves the text; Escape closes without changes. */
export function QueueEditor({ row, onDone, onClose }: QueueEditorProps) {
  const [text, setText] = useState(row.text);
  const [when, setWhen] = useState(() =>
    toLocalInputValue(row.dateScheduled ? new Date(row.dateScheduled) : new Date(Date.now() + 3_600_000)),
  );
  const [busy, setBusy] = useState(false);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const textRef = useRef<HTMLTextAreaElement>(null);
  useEffect(() => textRef.current?.focus(), []);
  const actions = new Set(actionsFor(row.status));

  const [pending, setPending] = useState<{
    edit: QueueEdit;
    acknowledged: Ack[];
    confirm: { ack: Ack; label: string };
  } | null>(null);
  const zone = row.zone ? zonesToRespect(row.zone)[0] : undefined;
  const parsedWhen = parseScheduleInput(when, new Date());

  const run = async (edit: QueueEdit, acknowledged: Ack[] = []) => {
    setBusy(true);
    setError(null);
    setPending(null);
    const r = await ask('editQueued', {
      id: row.id,
      seen: { status: row.status, text: row.text, dateScheduled: row.dateScheduled },
      edit,
      ...(acknowledged.length ? { acknowledged } : {}),
    });
    setBusy(false);
    // The gate asks first (quiet hours, someone else's text…): the rep confirms, the same edit goes again.
    if (r.ok && !r.value.ok && r.value.confirm) {
      setError({ kind: 'not-allowed', message: r.value.message });
      setPending({ edit, acknowledged, confirm: r.value.confirm });
    } else if (r.ok) onDone(r.value);
    else setError(r.error);
  };
  const schedule = () => {
    const parsed = parseScheduleInput(when, new Date());
    if ('error' in parsed) setError({ kind: 'invalid-input', message: parsed.error });
    else void run({ kind: 'reschedule', dateScheduled: parsed.at.toISOString() });
  };
  const markSeen = async () => {
    const r = await ask('dismissFailure', row.id);
    if (r.ok) onClose();
    else setError(r.error);
  };
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape') onClose();
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey) && actions.has('save-text')) {
      e.preventDefault();
      void run({ kind: 'text', text });
    }
  };
  const button = (label: string, onClick: () => void, cls?: string) => (
    <button type="button" class={cls} disabled={busy} onClick={onClick}>
      {label}
    </button>
  );

  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: Escape closes the editor from any control inside it
    <div class="queue-editor" onKeyDown={onKeyDown}>
      {actions.has('save-text') && (
        <>
          <label for={`text-${row.id}`}>Text</label>
          <textarea
            id={`text-${row.id}`}
            ref={textRef}
            rows={3}
            value={text}
            onInput={(e) => setText(e.currentTarget.value)}
          />
          <MessageCounter id={`counter-${row.id}`} text={text} />
        </>
      )}
      {actions.has('schedule') && (
        <>
          <label for={`when-${row.id}`}>{row.status === 'scheduled' ? 'Scheduled for' : 'Schedule for'}</label>
          <input
            id={`when-${row.id}`}
            type="datetime-local"
            value={when}
            onInput={(e) => setWhen(e.currentTarget.value)}
            aria-describedby={`their-time-${row.id}`}
          />
          {zone && 'at' in parsedWhen && (
            <p id={`their-time-${row.id}`} class="muted">
              Your time;{' '}
              {theirTime(parsedWhen.at.toISOString(), { name: row.contactName ?? 'them', zone }).replace(
                /^That’s/,
                'that’s',
              )}
            </p>
          )}
        </>
      )}
      {error && (
        <ErrorNotice
          error={pending ? { ...error, confirm: pending.confirm } : error}
          {...(pending ? { onConfirm: (ack: Ack) => void run(pending.edit, [...pending.acknowledged, ack]) } : {})}
        />
      )}
      <div class="actions wrap">
        {actions.has('save-text') && button('Save text', () => void run({ kind: 'text', text }), 'primary')}
        {actions.has('schedule') && button(row.status === 'scheduled' ? 'Reschedule' : 'Schedule', schedule)}
        {actions.has('send-now') && button('Send now', () => void run({ kind: 'send-now' }))}
        {actions.has('cancel') && button('Cancel schedule', () => void run({ kind: 'cancel' }))}
        {actions.has('mark-seen') && button('Mark as seen', () => void markSeen())}
        {actions.has('delete') &&
          (confirmDelete
            ? button('Confirm delete', () => void run({ kind: 'delete' }), 'danger')
            : button('Delete…', () => setConfirmDelete(true)))}
      </div>
    </div>
  );
}
