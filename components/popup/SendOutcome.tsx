import { useEffect, useState } from 'preact/hooks';
import { ask, type ErrorInfo, type SmsSummary } from '@/lib/protocol';
import { formatWhen } from '@/lib/sms/format-when';
import { ErrorNotice } from '../shared/ErrorNotice';

export interface SendOutcomeProps {
  sms: SmsSummary;
  onUndone(): void;
}

const FOLLOW_EVERY_MS = 1000;
const FOLLOW_FOR_MS = 120_000;

/** Follows a text in Close until it is sent or fails, with Undo while it still waits in the outbox. */
export function SendOutcome({ sms: first, onUndone }: SendOutcomeProps) {
  const [sms, setSms] = useState(first);
  const [undoError, setUndoError] = useState<ErrorInfo | null>(null);
  const [undoing, setUndoing] = useState(false);

  useEffect(() => {
    if (first.status !== 'outbox') return;
    const started = Date.now();
    let live = true;
    const tick = async () => {
      if (!live || Date.now() - started > FOLLOW_FOR_MS) return;
      const r = await ask('getSms', first.id);
      if (!live) return;
      if (r.ok) setSms(r.value);
      if (!r.ok || r.value.status === 'outbox') setTimeout(tick, FOLLOW_EVERY_MS);
    };
    const timer = setTimeout(tick, FOLLOW_EVERY_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [first.id, first.status]);

  const undo = async () => {
    setUndoing(true);
    const r = await ask('cancelSend', sms.id);
    setUndoing(false);
    if (r.ok) onUndone();
    else setUndoError(r.error);
  };

  return (
    <div class="outcome" role="status" aria-live="polite">
      {sms.status === 'outbox' && (
        <p>
          Sending…{' '}
          <button type="button" disabled={undoing} onClick={() => void undo()}>
            Undo
          </button>
        </p>
      )}
      {sms.status === 'sent' && <p class="ok">Sent ✓</p>}
      {sms.status === 'error' && (
        <p class="error">Close could not deliver it: {sms.errorMessage || 'no reason given'}</p>
      )}
      {sms.status === 'scheduled' && (
        <p>
          Scheduled for {formatWhen(sms.dateScheduled)}.{' '}
          <button type="button" disabled={undoing} onClick={() => void undo()}>
            Cancel schedule
          </button>
        </p>
      )}
      {sms.status === 'draft' && <p>Saved as a draft in Close.</p>}
      {undoError && <ErrorNotice error={undoError} />}
    </div>
  );
}
