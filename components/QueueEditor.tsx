import { useEffect, useRef, useState } from 'preact/hooks';
import { type QueueRow, sendMessage } from '@/lib/protocol';
import type { QueueEdit } from '@/lib/sms/edit-queued';
import { parseScheduleInput, toLocalInputValue } from '@/lib/sms/schedule';
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
  const [localError, setLocalError] = useState<string | null>(null);
  const textRef = useRef<HTMLTextAreaElement>(null);
  useEffect(() => textRef.current?.focus(), []);
  const editable = row.status === 'draft' || row.status === 'scheduled';

  const run = async (edit: QueueEdit) => {
    setBusy(true);
    setLocalError(null);
    const r = await sendMessage('editQueued', {
      id: row.id,
      seen: { status: row.status, text: row.text, dateScheduled: row.dateScheduled },
      edit,
    });
    setBusy(false);
    if (r.ok) onDone(r.value);
    else setLocalError(r.error.message);
  };
  const schedule = () => {
    const parsed = parseScheduleInput(when, new Date());
    if ('error' in parsed) setLocalError(parsed.error);
    else void run({ kind: 'reschedule', dateScheduled: parsed.at.toISOString() });
  };
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape') onClose();
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      void run({ kind: 'text', text });
    }
  };

  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: Escape closes the editor from any control inside it
    <div class="queue-editor" onKeyDown={onKeyDown}>
      {editable && (
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
          <label for={`when-${row.id}`}>{row.status === 'scheduled' ? 'Scheduled for' : 'Schedule for'}</label>
          <input
            id={`when-${row.id}`}
            type="datetime-local"
            value={when}
            onInput={(e) => setWhen(e.currentTarget.value)}
          />
        </>
      )}
      {localError && (
        <p role="alert" class="error">
          {localError}
        </p>
      )}
      <div class="actions wrap">
        {editable && (
          <button type="button" class="primary" disabled={busy} onClick={() => void run({ kind: 'text', text })}>
            Save text
          </button>
        )}
        {editable && (
          <button type="button" disabled={busy} onClick={schedule}>
            {row.status === 'scheduled' ? 'Reschedule' : 'Schedule'}
          </button>
        )}
        {editable && (
          <button type="button" disabled={busy} onClick={() => void run({ kind: 'send-now' })}>
            Send now
          </button>
        )}
        {row.status === 'scheduled' && (
          <button type="button" disabled={busy} onClick={() => void run({ kind: 'cancel' })}>
            Cancel schedule
          </button>
        )}
        {row.status === 'error' && (
          <button
            type="button"
            disabled={busy}
            onClick={() => void sendMessage('dismissFailure', row.id).then(() => onClose())}
          >
            Mark as seen
          </button>
        )}
        {confirmDelete ? (
          <button type="button" class="danger" disabled={busy} onClick={() => void run({ kind: 'delete' })}>
            Confirm delete
          </button>
        ) : (
          <button type="button" disabled={busy} onClick={() => setConfirmDelete(true)}>
            Delete…
          </button>
        )}
      </div>
    </div>
  );
}
