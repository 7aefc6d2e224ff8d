import { useState } from 'preact/hooks';
import type { ComplianceView } from '@/lib/compliance/compose-compliance';
import { ask, type ErrorInfo } from '@/lib/protocol';

export interface ComplianceNoticesProps {
  view: ComplianceView;
  /** The number being texted, for "Add to Close's blocked numbers". */
  to: string;
  disabled: boolean;
  onSchedule(iso: string): void;
  /** After the number was blocked in Close: load the recipient again, so the composer shows the block. */
  onBlocked(): void;
}

/**
 * The recipient's local time and whatever would stop Send now, before the rep clicks: quiet hours with
 * "Schedule for 8:00 their time", a reply that reads like an opt-out (with a one-click block in Close), and
 * someone else's recent or scheduled text. Rules and words come from lib/compliance/compose-compliance.ts.
 */
export function ComplianceNotices({ view, to, disabled, onSchedule, onBlocked }: ComplianceNoticesProps) {
  const [blockError, setBlockError] = useState<ErrorInfo | null>(null);
  const block = async (reason: string) => {
    const r = await ask('blockNumber', { phone: to, reason });
    if (r.ok) onBlocked();
    else setBlockError(r.error);
  };
  return (
    <div class="compliance">
      {view.localTime && (
        <p class="muted local-time" data-testid="local-time">
          {view.localTime}
          {view.zoneNote ? ` · ${view.zoneNote}` : ''}
        </p>
      )}
      {!view.localTime && view.zoneNote && <p class="muted local-time">{view.zoneNote}</p>}
      {view.notices.map((n) => (
        <div key={n.kind} class="notice warning" data-finding={n.kind}>
          <p>{n.message}</p>
          {n.kind === 'quiet-hours' && view.nextAllowed && (
            <button
              type="button"
              class="primary"
              disabled={disabled}
              onClick={() => onSchedule(view.nextAllowed?.at ?? '')}
            >
              {view.nextAllowed.label}
            </button>
          )}
          {n.kind === 'opt-out-reply' && view.optOutReason && (
            <button type="button" onClick={() => void block(view.optOutReason ?? '')}>
              Add to Close’s blocked numbers
            </button>
          )}
        </div>
      ))}
      {blockError && (
        <p role="alert" class="notice error">
          The number was not blocked: {blockError.message}
        </p>
      )}
    </div>
  );
}
