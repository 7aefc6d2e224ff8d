import { useEffect, useRef, useState } from 'preact/hooks';
import { ask, type ErrorInfo, type QueueRow } from '@/lib/protocol';
import { formatWhen } from '@/lib/sms/format-when';
import { ErrorNotice } from '../shared/ErrorNotice';
import { QueueEditor } from './QueueEditor';

/**
 * The rep's drafts, scheduled texts and recent failures. Opens on the cached list and refreshes from Close
 * behind it. Keyboard: ↑/↓ move between texts, Enter edits, Escape closes the editor.
 */
export function QueueView() {
  const [rows, setRows] = useState<QueueRow[] | null>(null);
  const [refreshing, setRefreshing] = useState(true);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [editing, setEditing] = useState<string | null>(null);
  const [notice, setNotice] = useState<{ id: string; ok: boolean; message: string } | null>(null);
  const listRef = useRef<HTMLUListElement>(null);

  const refresh = async () => {
    setRefreshing(true);
    const r = await ask('refreshQueue');
    setRefreshing(false);
    if (r.ok) {
      setRows(r.value);
      setError(null);
    } else setError(r.error);
  };
  // biome-ignore lint/correctness/useExhaustiveDependencies: open on the cache, then refresh once per mount
  useEffect(() => {
    void ask('getQueue').then((cached) => cached.ok && cached.value && setRows((current) => current ?? cached.value));
    void refresh();
  }, []);

  const onListKey = (e: KeyboardEvent) => {
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
    const buttons = [...(listRef.current?.querySelectorAll<HTMLButtonElement>('button.row-summary') ?? [])];
    const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
    const next = buttons[Math.max(0, Math.min(buttons.length - 1, at + (e.key === 'ArrowDown' ? 1 : -1)))];
    if (next) {
      e.preventDefault();
      next.focus();
    }
  };

  const applied = (id: string, result: { ok: boolean; message: string; row: QueueRow | null }) => {
    setNotice({ id, ok: result.ok, message: result.message });
    setRows((current) => (current ?? []).flatMap((r) => (r.id === id ? (result.row ? [result.row] : []) : [r])));
    if (result.ok || !result.row) setEditing(null);
  };

  return (
    <section aria-label="Drafts and scheduled texts" class="queue">
      <div class="row">
        <p class="muted" aria-live="polite">
          {refreshing ? 'Refreshing from Close…' : `${rows?.length ?? 0} texts`}
        </p>
        <button type="button" onClick={() => void refresh()} disabled={refreshing}>
          Refresh
        </button>
      </div>
      {error && <ErrorNotice error={error} onRetry={() => void refresh()} />}
      {notice && !rows?.some((r) => r.id === notice.id) && (
        <p role={notice.ok ? 'status' : 'alert'} class={notice.ok ? 'ok' : 'error'}>
          {notice.message}
        </p>
      )}
      {rows && !rows.length && !refreshing && <p class="muted">No drafts or scheduled texts.</p>}
      <ul ref={listRef} class="queue-list" onKeyDown={onListKey}>
        {rows?.map((row) => (
          <li key={row.id} class={`status-${row.status}`}>
            <button
              type="button"
              class="row-summary"
              aria-expanded={editing === row.id}
              onClick={() => setEditing(editing === row.id ? null : row.id)}
            >
              <span class="badge">{row.status}</span>{' '}
              {row.heldBy && <span class="badge held">held: {row.heldBy} replied</span>}{' '}
              <strong>{row.leadName ?? row.remotePhone ?? 'Unknown'}</strong>
              {row.contactName && <span> · {row.contactName}</span>}
              <span class="muted"> · {row.remotePhone}</span>
              {row.status === 'scheduled' && <span class="muted"> · {formatWhen(row.dateScheduled)}</span>}
              <span class="preview-line">{row.text}</span>
              {row.status === 'error' && <span class="error">{row.errorMessage || 'Not delivered'}</span>}
            </button>
            {notice?.id === row.id && (
              <p role={notice.ok ? 'status' : 'alert'} class={notice.ok ? 'ok' : 'error'}>
                {notice.message}
              </p>
            )}
            {editing === row.id && (
              <QueueEditor row={row} onDone={(r) => applied(row.id, r)} onClose={() => setEditing(null)} />
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
